using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.Tests.Show;

public sealed class SongParsingTests
{
    private const string DisplayFile = ShowFixtures.SongId + "/song.yaml";

    /// <summary>The DESIGN.md example, with every optional field used.</summary>
    private const string FullSong = """
        title: Midnight Drive
        artist: The Band
        tempo_map:
          - { bar: 1,  tempo: 120, meter: 4/4 }
          - { bar: 17, tempo: 128 }
          - { bar: 33, meter: 7/8, groups: [2, 2, 3] }
          - { bar: 41, tempo: 128, ramp_to: 140, ramp_bars: 4 }
        count_in: 2
        bars: 64
        sections:
          - { name: Intro, bar: 1 }
          - { name: Verse 1, bar: 9 }
        end: segue
        click:
          outputs: [1, 2]
          level_db: -6
          subdivision: 2
          accent_sample: click/hi.wav
          beat_sample: click/lo.wav
        stems:
          - { file: drums.wav, outputs: [3, 4], gain_db: 0 }
          - { file: bass.wav, outputs: [5] }
          - { file: keys.wav, outputs: [6, 7, 8], channels: [2], gain_db: -3.5 }
        cues:
          - { bar: 9, file: cues/verse.wav, outputs: [2], gain_db: 6 }
        """;

    [Fact]
    public void Full_song_parses_to_the_exact_model()
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile, FullSong);

        LoadResult<SongDefinition> result = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder));

        Assert.Empty(result.Errors);
        var expected = new SongDefinition(
            Id: "midnight-drive",
            Folder: show.PathOf(ShowFixtures.SongFolder),
            Title: "Midnight Drive",
            Artist: "The Band",
            TempoMap:
            [
                new TempoChange(1, 120, new Meter(4, 4)),
                new TempoChange(17, 128),
                new TempoChange(33, null, new Meter(7, 8, [2, 2, 3])),
                new TempoChange(41, 128, null, 140, 4),
            ],
            CountInBars: 2,
            Bars: 64,
            Sections: [new SectionDefinition("Intro", 1, At(11, 5)), new SectionDefinition("Verse 1", 9, At(12, 5))],
            End: SongEnd.Segue,
            Click: new ClickDefinition([1, 2], -6, 2, "click/hi.wav", "click/lo.wav", At(15, 3)),
            Stems:
            [
                new StemDefinition("drums.wav", null, [3, 4], 0, At(21, 5)),
                new StemDefinition("bass.wav", null, [5], 0, At(22, 5)),
                new StemDefinition("keys.wav", [2], [6, 7, 8], -3.5, At(23, 5)),
            ],
            Cues: [new CueDefinition(9, "cues/verse.wav", [2], 6, At(25, 5))],
            Where: At(1, 1));
        Assert.Equivalent(expected, result.Value, strict: true);
    }

    [Fact]
    public void Parsed_tempo_map_drives_the_engine()
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile, FullSong);

        SongDefinition song = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder)).Value!;
        var map = new TempoMap(song.TempoMap);

        Assert.Equal(new Meter(7, 8, [2, 2, 3]), map.MeterAtBar(40));
        Assert.Equal(140, map.TempoAtQuarter(map.QuarterAtBar(45)), precision: 9);
    }

    [Fact]
    public void Omitted_fields_take_their_documented_defaults()
    {
        using TempShowFolder show = new TempShowFolder().Text(ShowFixtures.SongFile, ShowFixtures.ClickOnlySong);

        SongDefinition song = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder)).Value!;

        Assert.Equivalent(new SongDefinition(
            "midnight-drive", show.PathOf(ShowFixtures.SongFolder), "Click Only", null,
            [new TempoChange(1, 120)],
            CountInBars: 1, Bars: 8, Sections: [], End: SongEnd.Stop,
            Click: new ClickDefinition([1, 2], 0, 1, null, null, At(1, 1)),
            Stems: [], Cues: [], Where: At(1, 1)), song, strict: true);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_in_one_pass()
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile, """
            title: Midnight Drive
            tempo_map:
              - { bar: 1, tempo: 120, meter: 7/9 }
              - { bar: 1, tempo: 130 }
            count_in: 20
            sections:
              - { name: Intro, bar: 0 }
            end: fade
            stems:
              - { file: drums.wav, outputs: [3, 9] }
              - { file: missing.wav, outputs: [5] }
            """);

        LoadResult<SongDefinition> result = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder));

        Assert.Null(result.Value);
        Assert.Equal(
            [At(3, 34), At(4, 12), At(5, 11), At(7, 25), At(8, 6), At(10, 37), At(11, 13)],
            result.Errors.Select(e => e.Where));
    }

    [Fact]
    public void A_link_that_stays_inside_the_song_folder_is_fine()
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile,
            ShowFixtures.ClickOnlySong + "\nstems:\n  - { file: drums-again.wav, outputs: [3, 4] }\n");

        LoadResult<SongDefinition> result = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("drums-again.wav", Assert.Single(result.Value.Stems).File);
    }

    [Fact]
    public void A_song_with_a_device_of_more_outputs_may_use_them()
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile,
            ShowFixtures.ClickOnlySong + "\nclick:\n  outputs: [15, 16]\n");

        Assert.False(ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder)).Succeeded);
        Assert.True(ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder), outputChannels: 16).Succeeded);
    }

    private static SourceLocation At(int line, int column) => new(DisplayFile, line, column);
}
