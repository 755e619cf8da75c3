using StageBox.Media.AudioFiles;
using StageBox.Show;
using StageBox.Show.Import;
using StageBox.Show.Library;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Import;

/// <summary>Imports into a library on disk, and what the library then holds, keeps and gives back.</summary>
public sealed class ShowImportTests : IDisposable
{
    private readonly TempDirectory _box = new();
    private readonly ShowLibrary _library;

    public ShowImportTests() => _library = new ShowLibrary(_box.File("library"));

    public void Dispose() => _box.Dispose();

    private ImportResult Import(string folder, IProgress<ImportProgress>? progress = null) =>
        new ShowImporter(_library, ImportSticks.DeviceRate, ImportSticks.Outputs).Import(folder, progress);

    private static ImportResult Succeeded(ImportResult result)
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result;
    }

    [Fact]
    public void An_import_keeps_the_yaml_byte_for_byte_and_stores_every_stem_as_float_wav_at_the_device_rate()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        ImportResult result = Succeeded(Import(stick.Root));
        Assert.Equal("g000001", result.Generation);
        Assert.Equal(2, result.Songs);
        string generation = _library.CurrentFolder!;
        Assert.Equal(File.ReadAllBytes(stick.PathOf("StageBox/songs/opener/song.yaml")), File.ReadAllBytes(Path.Join(generation, "songs/opener/song.yaml")));
        Assert.Equal(File.ReadAllBytes(stick.PathOf("StageBox/setlists/main.yaml")), File.ReadAllBytes(Path.Join(generation, "setlists/main.yaml")));
        Assert.Equal(new AudioFileInfo(4_800, 48_000, 1, AudioFormat.Wav), AudioFile.Probe(Path.Join(generation, "songs/opener/bass.wav")));
        // 4410 frames at 44.1 kHz are exactly 4800 at 48 kHz.
        Assert.Equal(new AudioFileInfo(4_800, 48_000, 2, AudioFormat.Wav), AudioFile.Probe(Path.Join(generation, "songs/closer/keys.wav")));
        float[] source = AudioFile.Read(stick.PathOf("StageBox/songs/opener/drums.wav")).Channels[1];
        float[] stored = AudioFile.Read(Path.Join(generation, "songs/opener/drums.wav")).Channels[1];
        Assert.Equal(source, stored);
        Assert.Empty(_library.Verify(result.Generation!));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void FLAC_content_named_wav_is_imported_as_FLAC_and_the_report_says_so()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        SndFileWriter.WriteFlac(stick.PathOf("StageBox/songs/opener/drums.wav"), channels: 2, frames: 4_800);

        ImportResult result = Succeeded(Import(stick.Root));

        string note = Assert.Single(result.Notes);
        Assert.StartsWith("songs/opener/drums.wav: its content is FLAC", note);
        Assert.Contains("name it drums.flac", note);
        Assert.Contains($"notes:\n  {note}\n", ImportReport.Text(result, DateTimeOffset.UtcNow).ReplaceLineEndings("\n"));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void The_resampled_stem_carries_the_tone_at_its_pitch()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs(frames: 48_000);
        Succeeded(Import(stick.Root));
        float[] keys = AudioFile.Read(Path.Join(_library.CurrentFolder!, "songs/closer/keys.wav")).Channels[0];
        // TestWav's 440 Hz tone: at 48 kHz, one cycle is 109.09 frames, so a second holds 440 rising zero crossings (give or take the edges).
        int rising = Enumerable.Range(1, keys.Length - 1).Count(i => keys[i - 1] < 0 && keys[i] >= 0);
        Assert.InRange(rising, 439, 441);
        Assert.InRange(keys.Skip(1000).Take(40_000).Max(), 0.029f, 0.031f);
    }

    [Fact]
    public void Each_import_keeps_the_one_before_for_a_rollback_that_can_itself_be_undone_and_older_ones_go()
    {
        using TempShowFolder first = ImportSticks.TwoSongs("First Opener"), second = ImportSticks.TwoSongs("Second Opener"), third = ImportSticks.TwoSongs("Third Opener");
        Succeeded(Import(first.Root));
        Succeeded(Import(second.Root));
        Assert.Equal(new GenerationPointer("g000002", "g000001"), _library.Pointer);
        Assert.Equal(new GenerationPointer("g000001", "g000002"), _library.RollBack());
        Assert.Contains("First Opener", File.ReadAllText(Path.Join(_library.CurrentFolder!, "songs/opener/song.yaml")));
        Assert.True(ImportSticks.Plays(_library));
        Assert.Equal(new GenerationPointer("g000002", "g000001"), _library.RollBack());
        Succeeded(Import(third.Root));
        Assert.Equal(new GenerationPointer("g000003", "g000002"), _library.Pointer);
        Assert.Equal(["g000002", "g000003"], Directory.GetDirectories(_library.Layout.GenerationsFolder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Rollback_with_a_single_generation_or_none_says_why_it_cannot()
    {
        Assert.Contains("nothing is installed", Assert.Throws<LibraryException>(() => _library.RollBack()).Message);
        using TempShowFolder stick = ImportSticks.TwoSongs();
        Succeeded(Import(stick.Root));
        Assert.Contains("g000001 is the only generation", Assert.Throws<LibraryException>(() => _library.RollBack()).Message);
    }

    [Fact]
    public void The_same_show_gives_the_same_content_hash_and_a_changed_song_another()
    {
        using TempShowFolder one = ImportSticks.TwoSongs(), same = ImportSticks.TwoSongs(), changed = ImportSticks.TwoSongs("Opener (Live)");
        Succeeded(Import(one.Root));
        string first = _library.Manifest(_library.Pointer!.Current).ContentHash;
        Succeeded(Import(same.Root));
        Assert.Equal(first, _library.Manifest(_library.Pointer!.Current).ContentHash);
        Succeeded(Import(changed.Root));
        Assert.NotEqual(first, _library.Manifest(_library.Pointer!.Current).ContentHash);
    }

    [Fact]
    public void Check_finds_a_stem_changed_on_the_disk_after_the_import()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        string generation = Succeeded(Import(stick.Root)).Generation!;
        string bass = Path.Join(_library.CurrentFolder!, "songs/opener/bass.wav");
        byte[] bytes = File.ReadAllBytes(bass);
        bytes[^10] ^= 0x40;
        File.WriteAllBytes(bass, bytes);
        Assert.Equal(["g000001/songs/opener/bass.wav: its content differs from the manifest's checksum"], _library.Verify(generation));
    }

    [Fact]
    public void A_second_import_while_one_holds_the_library_is_refused_and_changes_nothing()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        Succeeded(Import(stick.Root));
        string before = ImportSticks.Fingerprint(_library);
        using (_library.LockForImport())
        {
            ImportResult refused = Import(stick.Root);
            Assert.False(refused.Succeeded);
            Assert.Contains("another import is running", Assert.Single(refused.Errors).Problem);
        }
        Assert.Equal(before, ImportSticks.Fingerprint(_library));
    }

    [Fact]
    public void Leftovers_of_a_killed_import_are_cleared_by_the_next_and_never_installed()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        Succeeded(Import(stick.Root));
        string staged = _library.NewStagingFolder();
        File.WriteAllText(Path.Join(staged, "half.wav"), "half a stem");
        string orphan = _library.Layout.Generation("g000007");
        Directory.CreateDirectory(orphan);
        Assert.Equal(new GenerationPointer("g000001", null), _library.Pointer);
        Assert.Equal("g000002", Succeeded(Import(stick.Root)).Generation);
        Assert.False(Directory.Exists(staged));
        Assert.False(Directory.Exists(orphan));
    }

    [Fact]
    public void A_damaged_pointer_file_is_named_with_what_is_wrong()
    {
        Directory.CreateDirectory(_library.Layout.Root);
        File.WriteAllText(_library.Layout.PointerFile, "current g00000\n");
        Assert.Contains("CURRENT: damaged: the line 'current g00000'", Assert.Throws<LibraryException>(() => _library.Pointer).Message);
    }

    [Fact]
    public void A_show_installed_for_another_device_rate_is_not_played_and_the_reason_is_given()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        Succeeded(Import(stick.Root));
        LoadResult<StageBox.Show.Model.ShowDefinition> loaded = InstalledShow.Load(_library, 44_100, ImportSticks.Outputs);
        Assert.False(loaded.Succeeded);
        Assert.Contains("audio is at 48000 Hz but the device runs at 44100 Hz", Assert.Single(loaded.Errors).Problem);
    }

    [Fact]
    public void A_stem_deleted_from_the_stick_during_the_import_stops_it_cleanly()
    {
        using TempShowFolder first = ImportSticks.TwoSongs(), stick = ImportSticks.TwoSongs("Changed");
        Succeeded(Import(first.Root));
        string before = ImportSticks.Fingerprint(_library);
        var pull = new Pull(p => p.Stage == ImportStage.Converting, () => File.Delete(stick.PathOf("StageBox/songs/opener/drums.wav")));
        ImportResult result = Import(stick.Root, pull);
        Assert.True(pull.Done);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Where.File == "songs/opener/drums.wav" && e.Problem.Contains("not found"));
        Assert.Equal(before, ImportSticks.Fingerprint(_library));
        Assert.Empty(Directory.GetFileSystemEntries(_library.Layout.StagingFolder));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void A_stem_truncated_under_the_importer_while_it_is_read_stops_it_cleanly()
    {
        using TempShowFolder first = ImportSticks.TwoSongs(), stick = ImportSticks.TwoSongs("Changed", frames: 200_000);
        Succeeded(Import(first.Root));
        string before = ImportSticks.Fingerprint(_library);
        string keys = stick.PathOf("StageBox/songs/closer/keys.wav");
        var pull = new Pull(p => p.File == "songs/closer/keys.wav" && p.Fraction > 0.3, () => { using var file = File.OpenWrite(keys); file.SetLength(4_000); });
        ImportResult result = Import(stick.Root, pull);
        Assert.True(pull.Done);
        Assert.False(result.Succeeded);
        Assert.Contains("the file ends after", Assert.Single(result.Errors).Problem);
        Assert.Equal(before, ImportSticks.Fingerprint(_library));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void A_song_file_rewritten_on_the_stick_after_it_was_checked_is_caught_in_the_staged_copy()
    {
        using TempShowFolder first = ImportSticks.TwoSongs(), stick = ImportSticks.TwoSongs("Changed");
        Succeeded(Import(first.Root));
        string before = ImportSticks.Fingerprint(_library);
        // Between the validation and the copy: the file copied is not the file checked.
        var pull = new Pull(p => p.Stage == ImportStage.Converting && p.File is null,
            () => File.WriteAllText(stick.PathOf("StageBox/songs/closer/song.yaml"), "title: [unclosed"));
        ImportResult result = Import(stick.Root, pull);
        Assert.True(pull.Done);
        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.StartsWith("the stick changed while it was imported: ", e.Problem));
        Assert.Contains(result.Errors, e => e.Where.File == "songs/closer/song.yaml");
        Assert.Equal(before, ImportSticks.Fingerprint(_library));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void A_disk_that_fills_up_during_staging_gives_a_clear_error_and_the_library_stays_whole()
    {
        using var disk = SmallDisk.Mount(_box.File("small"), megabytes: 80);
        var library = new ShowLibrary(Path.Join(disk.Path, "library"));
        using TempShowFolder first = ImportSticks.TwoSongs(), stick = ImportSticks.TwoSongs("Changed", frames: 480_000);
        var importer = new ShowImporter(library, ImportSticks.DeviceRate, ImportSticks.Outputs);
        Assert.True(importer.Import(first.Root).Succeeded);
        string before = ImportSticks.Fingerprint(library);
        // Something else takes the space after the check for room: the import runs into ENOSPC while converting.
        var fill = new Pull(p => p.Stage == ImportStage.Converting, () => SmallDisk.Fill(Path.Join(disk.Path, "ballast"), keepBytes: 1 << 20));
        ImportResult result = importer.Import(stick.Root, fill);
        Assert.True(fill.Done);
        Assert.False(result.Succeeded);
        Assert.Contains("No space left on device", Assert.Single(result.Errors).Problem);
        File.Delete(Path.Join(disk.Path, "ballast"));
        Assert.Equal(before, ImportSticks.Fingerprint(library));
        Assert.Empty(Directory.GetFileSystemEntries(library.Layout.StagingFolder));
        Assert.True(ImportSticks.Plays(library));
    }

    [Fact]
    public void A_show_bigger_than_the_free_space_is_refused_before_anything_is_written()
    {
        using var disk = SmallDisk.Mount(_box.File("small"), megabytes: 16);
        var library = new ShowLibrary(Path.Join(disk.Path, "library"));
        using TempShowFolder stick = ImportSticks.TwoSongs();
        ImportResult result = new ShowImporter(library, ImportSticks.DeviceRate, ImportSticks.Outputs).Import(stick.Root);
        Assert.False(result.Succeeded);
        Assert.Matches(@"the show needs \d+ MiB in the library but only \d+ MiB are free", Assert.Single(result.Errors).Problem);
        Assert.Null(library.Pointer);
    }

    /// <summary>Does something to the stick or the disk once, the first time the import's progress matches.</summary>
    private sealed class Pull(Func<ImportProgress, bool> when, Action action) : IProgress<ImportProgress>
    {
        public bool Done { get; private set; }

        public void Report(ImportProgress value)
        {
            if (Done || !when(value)) return;
            Done = true;
            action();
        }
    }
}
