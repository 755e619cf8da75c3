using StageBox.Show;
using StageBox.Show.Init;
using StageBox.Show.Model;

namespace StageBox.Tests.Show.Init;

/// <summary>stagebox init on folders shaped like DAW exports, each result loaded back by the box's own loader.</summary>
public sealed class ShowInitializerTests
{
    private const int EightOutputs = 8;
    private const string Export = "Midnight Drive";

    [Fact]
    public void Stems_go_to_the_next_free_outputs_after_the_click_two_for_a_stereo_file_one_for_a_mono_one()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Wav($"{Export}/02 Bass.wav", channels: 1)
            .Wav($"{Export}/03 Keys.wav", channels: 2)
            .Wav($"{Export}/04 Vox.wav", channels: 1);

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Equal([1, 2], song.Click.Outputs);
        Assert.Equal(
            [("01 Drums.wav", "3,4"), ("02 Bass.wav", "5"), ("03 Keys.wav", "6,7"), ("04 Vox.wav", "8")],
            song.Stems.Select(s => (s.File, string.Join(',', s.Outputs))));
        Assert.Equal("Midnight Drive", song.Title);
        Assert.Equal(1, song.CountInBars);
        Assert.Equal(StageBox.Engine.Songs.SongEnd.Stop, song.End);
    }

    [Fact]
    public void Links_planted_where_init_writes_its_temporary_files_are_never_written_through()
    {
        using TempShowFolder folder = new TempShowFolder().Wav($"{Export}/01 Drums.wav", channels: 2).Text("victim", "precious\n");
        // The names init's temporary song.yaml has had: before PlacedFile, and now.
        foreach (string temporary in new[] { ".song.yaml.stagebox-init", ".song.yaml.stagebox-new" })
            File.CreateSymbolicLink(folder.PathOf($"{Export}/{temporary}"), folder.PathOf("victim"));

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Equal("Midnight Drive", song.Title);
        Assert.Equal("precious\n", File.ReadAllText(folder.PathOf("victim")));
    }

    [Fact]
    public void Stems_come_in_natural_file_name_order()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/10 Pads.wav", channels: 1)
            .Wav($"{Export}/2 Bass.wav", channels: 1)
            .Wav($"{Export}/1 Drums.wav", channels: 1)
            .Wav($"{Export}/01b drums room.wav", channels: 1);

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Equal(["1 Drums.wav", "01b drums room.wav", "2 Bass.wav", "10 Pads.wav"], song.Stems.Select(s => s.File));
    }

    [Fact]
    public void A_tempo_in_the_folder_name_sets_the_tempo_and_is_left_out_of_the_title()
    {
        using TempShowFolder folder = new TempShowFolder().Wav("midnight_drive-128bpm/drums.wav", channels: 2);

        SongDefinition song = InitAndLoadSong(folder, "midnight_drive-128bpm");

        Assert.Equal(128, song.TempoMap[0].Tempo);
        Assert.Equal("midnight drive", song.Title);
        Assert.Contains("tempo 128 is taken from the name 'midnight_drive-128bpm'", File.ReadAllText(folder.PathOf("midnight_drive-128bpm/song.yaml")));
    }

    [Fact]
    public void A_tempo_in_a_file_name_is_used_when_the_folder_name_has_none()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Wav($"{Export}/Click 92.5 BPM.wav", channels: 1);

        Assert.Equal(92.5, InitAndLoadSong(folder, Export).TempoMap[0].Tempo);
    }

    [Fact]
    public void Without_a_tempo_in_any_name_120_is_written_with_a_comment_to_set_the_real_one()
    {
        using TempShowFolder folder = new TempShowFolder().Wav($"{Export}/drums.wav", channels: 2);

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Equal(120, song.TempoMap[0].Tempo);
        Assert.Equal(new StageBox.Engine.Timeline.Meter(4, 4), song.TempoMap[0].Meter);
        string[] lines = File.ReadAllLines(folder.PathOf($"{Export}/song.yaml"));
        int entry = Array.IndexOf(lines, "  - { bar: 1, tempo: 120, meter: 4/4 }");
        Assert.StartsWith("  # CHECK: 120 is a placeholder", lines[entry - 1]);
    }

    [Fact]
    public void A_click_track_is_not_made_a_stem_but_named_in_a_comment()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/00 Click.wav", channels: 1)
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Wav($"{Export}/99 metronome guide.wav", channels: 1);

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Equal(["01 Drums.wav"], song.Stems.Select(s => s.File));
        Assert.Contains(File.ReadAllLines(folder.PathOf($"{Export}/song.yaml")),
            line => line.StartsWith("# Left out as a click track", StringComparison.Ordinal) && line.EndsWith(": 00 Click.wav, 99 metronome guide.wav", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_holding_only_a_click_track_becomes_a_click_only_song_as_long_as_the_file()
    {
        // 10 s at 120 in 4/4 is 5 bars.
        using TempShowFolder folder = new TempShowFolder().Wav($"{Export}/Click.wav", channels: 1, frames: 10 * TestWav.SampleRate);

        SongDefinition song = InitAndLoadSong(folder, Export);

        Assert.Empty(song.Stems);
        Assert.Equal(5, song.Bars);
    }

    [Fact]
    public void An_existing_song_yaml_is_kept_byte_for_byte_even_a_broken_one()
    {
        byte[] existing = "title: Mine\n# my notes\ntempo_map: [oops\n"u8.ToArray();
        using TempShowFolder folder = new TempShowFolder().Wav($"{Export}/drums.wav", channels: 2);
        File.WriteAllBytes(folder.PathOf($"{Export}/song.yaml"), existing);

        InitReport report = ShowInitializer.Run(folder.PathOf(Export), EightOutputs);

        Assert.Equal(SongOutcomeKind.Kept, Assert.Single(report.Songs).Kind);
        Assert.Equal(existing, File.ReadAllBytes(folder.PathOf($"{Export}/song.yaml")));
        Assert.True(report.AnySong);
    }

    [Fact]
    public void A_folder_of_files_that_are_not_audio_is_refused_with_a_message_naming_it()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Text("Notes/lyrics.txt", "verse one")
            .Text("Notes/cover.jpg", "\u00ff\u00d8 not really a jpeg")
            .Text("Notes/Drafts/ideas.txt", "more");

        InitException refused = Assert.Throws<InitException>(() => ShowInitializer.Run(folder.PathOf("Notes"), EightOutputs));

        Assert.StartsWith($"{folder.PathOf("Notes")}: no audio files", refused.Message);
        Assert.Contains("lyrics.txt is not audio", refused.Message);
        Assert.Contains("cover.jpg is not audio", refused.Message);
        Assert.False(File.Exists(folder.PathOf("Notes/song.yaml")));
    }

    [Theory]
    [InlineData("missing", "missing: the folder does not exist")]
    [InlineData("file.wav", "file.wav is a file, not a folder")]
    public void A_missing_folder_or_a_file_is_refused_naming_it(string given, string message)
    {
        using TempShowFolder folder = new TempShowFolder().Wav("file.wav", channels: 1);

        InitException refused = Assert.Throws<InitException>(() => ShowInitializer.Run(folder.PathOf(given), EightOutputs));

        Assert.StartsWith(folder.PathOf(message), refused.Message);
    }

    [Fact]
    public void AppleDouble_twins_from_a_mac_are_ignored_rather_than_reported_as_damaged_audio()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Text($"{Export}/._01 Drums.wav", "\0\u0005\u0016\u0007\0\u0002\0\0Mac OS X        \0\u0002")
            .Text($"{Export}/.DS_Store", "\0\0\0\u0001Bud1");

        InitReport report = ShowInitializer.Run(folder.PathOf(Export), EightOutputs);

        SongOutcome song = Assert.Single(report.Songs);
        Assert.Equal(SongOutcomeKind.Written, song.Kind);
        Assert.Equal(["01 Drums.wav"], song.Draft!.Routing.Routed.Select(s => s.File.Name));
        Assert.Empty(song.Scan.Unusable);
        Assert.Empty(song.Scan.NotAudio);
        Assert.Equal(2, song.Scan.Hidden);
    }

    [Fact]
    public void Audio_is_recognised_by_decoding_it_not_by_its_name()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Wav($"{Export}/02 Pad.take", channels: 1)
            .Text($"{Export}/03 Keys.wav", "this is text, not audio")
            .Text($"{Export}/notes.txt", "count in with sticks");

        SongDefinition song = InitAndLoadSong(folder, Export);
        FolderScan scan = FolderScan.Read(folder.PathOf(Export));

        Assert.Equal(["01 Drums.wav", "02 Pad.take"], song.Stems.Select(s => s.File));
        UnusableFile damaged = Assert.Single(scan.Unusable);
        Assert.Equal("03 Keys.wav", damaged.Name);
        Assert.Contains("cannot decode", damaged.Problem);
        Assert.Equal(["notes.txt"], scan.NotAudio);
        string[] lines = File.ReadAllLines(folder.PathOf($"{Export}/song.yaml"));
        Assert.Contains("# Not audio, left out: notes.txt", lines);
        Assert.Contains(lines, l => l.StartsWith("# Cannot be used, left out: 03 Keys.wav: cannot decode", StringComparison.Ordinal));
    }

    [Fact]
    public void Stems_past_the_device_outputs_are_left_out_as_comments_that_load_when_uncommented()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2)
            .Wav($"{Export}/02 Bass.wav", channels: 1)
            .Wav($"{Export}/03 Keys.wav", channels: 2)
            .Wav($"{Export}/04 Vox.wav", channels: 1)
            .Wav($"{Export}/05 Gtr.wav", channels: 2);
        const int sixOutputs = 6;

        SongDefinition song = InitAndLoadSong(folder, Export, sixOutputs);

        // Keys needs 2 outputs with only output 6 free: routing stops there, so Vox does not jump the queue.
        Assert.Equal(["01 Drums.wav", "02 Bass.wav"], song.Stems.Select(s => s.File));
        string path = folder.PathOf($"{Export}/song.yaml");
        string text = File.ReadAllText(path);
        Assert.Contains("The device has 6 outputs (audio.channels in the configuration): 03 Keys.wav needs 2 and 1 is free", text);
        Assert.Contains("  # - { file: 03 Keys.wav, outputs: [3, 4] }\n  # - { file: 04 Vox.wav, outputs: [5] }\n  # - { file: 05 Gtr.wav, outputs: [3, 4] }\n", text);

        File.WriteAllText(path, text.Replace("  # - {", "  - {"));
        LoadResult<SongDefinition> uncommented = ShowLoader.LoadSong(folder.PathOf(Export), sixOutputs);
        Assert.True(uncommented.Succeeded, string.Join("\n", uncommented.Errors));
        Assert.Equal(5, uncommented.Value.Stems.Count);
    }

    [Fact]
    public void The_longest_stem_is_noted_and_a_shorter_one_too()
    {
        using TempShowFolder folder = new TempShowFolder()
            .Wav($"{Export}/01 Drums.wav", channels: 2, frames: 3 * TestWav.SampleRate)
            .Wav($"{Export}/02 Bass.wav", channels: 1, frames: TestWav.SampleRate / 2);

        InitAndLoadSong(folder, Export);

        string text = File.ReadAllText(folder.PathOf($"{Export}/song.yaml"));
        Assert.Contains("The longest, 01 Drums.wav, lasts 0:03.000 (about 2 bars of 4/4 at 120); the song ends with it.", text);
        Assert.Contains("the shortest, 02 Bass.wav, lasts 0:00.500", text);
    }

    [Fact]
    public void A_show_gets_a_song_yaml_for_each_folder_of_stems_and_a_setlist_in_folder_order()
    {
        using TempShowFolder show = new TempShowFolder()
            .Wav("songs/10 Encore/drums.wav", channels: 2)
            .Wav("songs/2 Ballad/keys.wav", channels: 2)
            .Wav("songs/1 Opener/bass.wav", channels: 1)
            .Text("songs/Artwork/cover.txt", "not a song");

        InitReport report = ShowInitializer.Run(show.Root, EightOutputs);

        Assert.Equal(
            [("1 Opener", SongOutcomeKind.Written), ("2 Ballad", SongOutcomeKind.Written), ("10 Encore", SongOutcomeKind.Written), ("Artwork", SongOutcomeKind.Skipped)],
            report.Songs.Select(s => (Path.GetFileName(s.Scan.Folder), s.Kind)));
        Assert.Equal(SetlistOutcomeKind.Written, report.Setlist!.Kind);
        // Artwork has no song.yaml, which the show must not have: that is the one problem left.
        Assert.Equal("songs/Artwork", Assert.Single(report.ShowProblems!).Where.File);

        Directory.Delete(show.PathOf("songs/Artwork"), recursive: true);
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(show.Root, EightOutputs);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        Assert.Equal(["1 Opener", "2 Ballad", "10 Encore"], loaded.Value.Setlists[StarterSetlist.Name].Songs.Select(s => s.SongId));
    }

    [Fact]
    public void A_stick_is_initialised_in_its_StageBox_folder_and_an_existing_setlist_is_kept()
    {
        const string setlist = "title: Friday\nsongs:\n  - old-song\n";
        using TempShowFolder stick = new TempShowFolder()
            .Wav("StageBox/songs/old-song/drums.wav", channels: 2)
            .Text("StageBox/songs/old-song/song.yaml", "title: Old\ntempo_map:\n  - { bar: 1, tempo: 100 }\nstems:\n  - { file: drums.wav, outputs: [3, 4] }\n")
            .Wav("StageBox/songs/new-song/bass.wav", channels: 1)
            .Text("StageBox/setlists/friday.yaml", setlist);

        InitReport report = ShowInitializer.Run(stick.Root, EightOutputs);

        Assert.Equal([SongOutcomeKind.Written, SongOutcomeKind.Kept], report.Songs.Select(s => s.Kind));
        Assert.Equal(SetlistOutcomeKind.Kept, report.Setlist!.Kind);
        Assert.Equal(setlist, File.ReadAllText(stick.PathOf("StageBox/setlists/friday.yaml")));
        Assert.False(File.Exists(stick.PathOf("StageBox/setlists/main.yaml")));
        Assert.Empty(report.ShowProblems!);
    }

    [Fact]
    public void A_folder_of_song_folders_gets_a_song_yaml_in_each()
    {
        using TempShowFolder exports = new TempShowFolder()
            .Wav("Exports/Song A/drums.wav", channels: 2)
            .Wav("Exports/Song B/bass.wav", channels: 1);

        InitReport report = ShowInitializer.Run(exports.PathOf("Exports"), EightOutputs);

        Assert.Null(report.Target.ShowFolder);
        Assert.All(report.Songs, s => Assert.True(ShowLoader.LoadSong(s.Scan.Folder).Succeeded));
        Assert.Equal(["Song A", "Song B"], report.Songs.Select(s => ShowLoader.LoadSong(s.Scan.Folder).Value!.Title));
    }

    [Fact]
    public void A_file_that_already_exists_is_never_replaced_and_no_temporary_file_is_left()
    {
        using TempShowFolder folder = new TempShowFolder().Text("song.yaml", "mine");

        Assert.ThrowsAny<IOException>(() => NewFile.Write(folder.PathOf("song.yaml"), "theirs"));
        NewFile.Write(folder.PathOf("other.yaml"), "new");

        Assert.Equal("mine", File.ReadAllText(folder.PathOf("song.yaml")));
        Assert.Equal("new", File.ReadAllText(folder.PathOf("other.yaml")));
        Assert.Equal(["other.yaml", "song.yaml"], Directory.GetFiles(folder.Root).Select(Path.GetFileName).Order());
    }

    private static SongDefinition InitAndLoadSong(TempShowFolder folder, string songFolder, int outputs = EightOutputs)
    {
        InitReport report = ShowInitializer.Run(folder.PathOf(songFolder), outputs);
        Assert.Equal(SongOutcomeKind.Written, Assert.Single(report.Songs).Kind);
        LoadResult<SongDefinition> loaded = ShowLoader.LoadSong(folder.PathOf(songFolder), outputs);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        return loaded.Value;
    }
}
