using StageBox.Show;

namespace StageBox.Tests.Show;

/// <summary>
/// One malformed song.yaml per row: each must give exactly one error, at the line and column
/// of the offending node, naming the problem. The songs start from a sound click-only song
/// (title, bars: 8, a tempo map) and break one thing.
/// </summary>
public sealed class SongFileErrorTests
{
    public static TheoryData<string, string, int, int, string> MalformedSongs => new()
    {
        // YAML syntax and document shape
        { "duplicate key", """
            title: A
            title: B
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 2, 1, "twice" },
        { "tab indentation", "title: T\nbars: 8\ntempo_map:\n\t- { bar: 1, tempo: 120 }\n", 4, 1, "tab" },
        { "colon inside plain text", """
            title: Midnight: Drive
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 1, 16, "syntax" },
        { "unclosed bracket", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120
            """, 4, 25, "expected ',' or '}'" },
        { "unclosed list", """
            title: T
            bars: 8
            tempo_map: [ { bar: 1, tempo: 120 }
            end: stop
            """, 3, 12, "unclosed" },
        { "root is a list", "- title: T\n", 1, 1, "'field: value' pairs" },
        { "empty file", "", 0, 0, "empty" },
        { "two documents", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            ---
            title: U
            """, 6, 1, "more than one" },

        // required and unknown fields, types
        { "missing title", """
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 1, 1, "missing 'title'" },
        { "title without value", """
            title:
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 1, 7, "no value" },
        { "title is a list", """
            title: [a, b]
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 1, 8, "single value" },
        { "title of 101 characters", $"title: {new string('t', 101)}\nbars: 8\ntempo_map:\n  - {{ bar: 1, tempo: 120 }}\n", 1, 8, "is 101 characters long; at most 100" },
        { "artist of 900,000 characters", $"title: T\nartist: {new string('a', 900_000)}\nbars: 8\ntempo_map:\n  - {{ bar: 1, tempo: 120 }}\n", 2, 9, "is 900000 characters long; at most 100" },
        { "section name of 41 characters", $"title: T\nbars: 8\ntempo_map:\n  - {{ bar: 1, tempo: 120 }}\nsections:\n  - {{ name: {new string('s', 41)}, bar: 1 }}\n", 6, 13, "is 41 characters long; at most 40" },
        { "missing tempo_map", """
            title: T
            bars: 8
            """, 1, 1, "missing 'tempo_map'" },
        { "misspelt field", """
            title: T
            artst: The Band
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 2, 1, "did you mean 'artist'" },
        { "misspelt tempo map field", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120, meters: 4/4 }
            """, 4, 27, "did you mean 'meter'" },
        { "tempo is a word", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: fast }
            """, 4, 22, "number" },
        { "bar is a fraction", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
              - { bar: 1.5, tempo: 130 }
            """, 5, 12, "whole number" },
        { "tempo_map is a number", """
            title: T
            bars: 8
            tempo_map: 120
            """, 3, 12, "list" },
        { "tempo_map entry is a number", """
            title: T
            bars: 8
            tempo_map:
              - 120
            """, 4, 5, "'field: value' pairs" },
        { "click is a word", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            click: loud
            """, 5, 8, "'field: value' pairs, not as the single value 'loud'" },
        { "outputs is a number", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            click:
              outputs: 1
            """, 6, 12, "list" },

        // meters and groups
        { "meter 7/9", Meter("7/9"), 4, 34, "not a note value" },
        { "meter 0/4", Meter("0/4"), 4, 34, "0 beats" },
        { "meter 4/0", Meter("4/0"), 4, 34, "not a note value" },
        { "meter 65/4", Meter("65/4"), 4, 34, "1 to 64 beats" },
        { "meter abc", Meter("abc"), 4, 34, "not a time signature" },
        { "groups do not add up", Meter("7/8, groups: [2, 2, 2]"), 4, 47, "add up to 6" },
        { "group of zero", Meter("4/4, groups: [0, 4]"), 4, 48, "out of range" },
        { "groups alone regroup the meter in force", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120, meter: 7/8 }
              - { bar: 5, groups: [3, 3] }
            """, 5, 23, "7/8 has 7 beats" },

        // tempo map order, tempos, ramps
        { "tempo 0", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 0 }
            """, 4, 22, "out of range" },
        { "tempo 1001", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 1001 }
            """, 4, 22, "1 to 1000" },
        { "repeated bar", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
              - { bar: 5, tempo: 130 }
              - { bar: 5, tempo: 140 }
            """, 6, 12, "must increase" },
        { "bars going back", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
              - { bar: 5, tempo: 130 }
              - { bar: 3, tempo: 140 }
            """, 6, 12, "bar order" },
        { "first entry after bar 1", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 2, tempo: 120 }
            """, 4, 12, "bar 1" },
        { "first entry without tempo", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, meter: 3/4 }
            """, 4, 5, "does not give the tempo" },
        { "entry inside a ramp", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 100, ramp_to: 120, ramp_bars: 4 }
              - { bar: 3, tempo: 90 }
            """, 5, 12, "inside the ramp from bar 1 to bar 5" },
        { "ramp of no bars", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 100, ramp_to: 120, ramp_bars: 0 }
            """, 4, 52, "at least 1 bar" },
        { "ramp_to without ramp_bars", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 100, ramp_to: 120 }
            """, 4, 36, "without ramp_bars" },
        { "ramp_bars without ramp_to", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 100, ramp_bars: 4 }
            """, 4, 38, "without ramp_to" },
        { "entry that changes nothing", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
              - { bar: 5 }
            """, 5, 5, "changes nothing" },
        { "tempo change after the end", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
              - { bar: 9, tempo: 130 }
            """, 5, 12, "last bar (8)" },

        // count-in, length, end
        { "negative count-in", """
            title: T
            bars: 8
            count_in: -1
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 3, 11, "no count-in" },
        { "count-in of 17 bars", """
            title: T
            bars: 8
            count_in: 17
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 3, 11, "16 bars" },
        { "zero bars", """
            title: T
            bars: 0
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 2, 7, "at least 1" },
        { "click-only song without bars", """
            title: T
            tempo_map:
              - { bar: 1, tempo: 120 }
            """, 1, 1, "without stems must give its length in 'bars'" },
        { "unknown end", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            end: segeu
            """, 5, 6, "did you mean 'segue'" },

        // sections
        { "sections out of order", Sections("{ name: Verse, bar: 5 }", "{ name: Intro, bar: 1 }"), 7, 25, "bar order" },
        { "sections at the same bar", Sections("{ name: Intro, bar: 1 }", "{ name: Verse, bar: 1 }"), 7, 25, "both start at bar 1" },
        { "section after the end", Sections("{ name: Outro, bar: 9 }"), 6, 25, "after the song's last bar" },
        { "section with an empty name", Sections("{ name: '', bar: 1 }"), 6, 13, "empty" },
        { "two sections with one name", Sections("{ name: Verse, bar: 1 }", "{ name: verse, bar: 5 }"), 7, 13, "used twice" },
        { "section at bar 0", Sections("{ name: Intro, bar: 0 }"), 6, 25, "out of range" },
        { "section without bar", Sections("{ name: Intro }"), 6, 5, "missing 'bar'" },

        // click
        { "output 0", Click("outputs: [0, 1]"), 6, 13, "outputs 1 to 8" },
        { "output beyond the device", Click("outputs: [1, 9]"), 6, 16, "outputs 1 to 8" },
        { "output listed twice", Click("outputs: [3, 3]"), 6, 16, "twice" },
        { "click too loud", Click("level_db: 13"), 6, 13, "+12" },
        { "subdivision 5", Click("subdivision: 5"), 6, 16, "clicks per beat" },
        { "missing click sample", Click("accent_sample: click/high.wav"), 6, 18, "did you mean 'click/hi.wav'" },

        // stems and the files they name
        { "stem gain too high", Stem("{ file: drums.wav, outputs: [3, 4], gain_db: 30 }"), 6, 50, "+24" },
        { "stem file missing", Stem("{ file: drum.wav, outputs: [3, 4] }"), 6, 13, "did you mean 'drums.wav'" },
        { "stem path absolute", Stem("{ file: /etc/passwd, outputs: [3] }"), 6, 13, "absolute" },
        { "stem path leaves the folder", Stem("{ file: ../other/drums.wav, outputs: [3, 4] }"), 6, 13, "outside the song folder" },
        { "stem symlink leaves the folder", Stem("{ file: linked.wav, outputs: [3, 4] }"), 6, 13, "symbolic link" },
        { "stem in a linked folder outside", Stem("{ file: shared/pad.wav, outputs: [3, 4] }"), 6, 13, "symbolic link" },
        { "stem is a folder", Stem("{ file: cues, outputs: [3] }"), 6, 13, "folder" },
        { "stem does not decode", Stem("{ file: broken.wav, outputs: [3] }"), 6, 13, "cannot decode" },
        { "channel the file lacks", Stem("{ file: bass.wav, outputs: [5], channels: [2] }"), 6, 47, "no channel 2" },
        { "stereo stem to one output", Stem("{ file: drums.wav, outputs: [3] }"), 6, 33, "2 channels of 'drums.wav' cannot go to 1 output" },
        { "two channels to three outputs", Stem("{ file: drums.wav, outputs: [3, 4, 5], channels: [1, 2] }"), 6, 33, "3 outputs" },
        { "stem without outputs", Stem("{ file: drums.wav }"), 6, 5, "missing 'outputs'" },
        { "stems is a mapping", """
            title: T
            bars: 8
            tempo_map:
              - { bar: 1, tempo: 120 }
            stems: { file: drums.wav }
            """, 5, 8, "list" },

        // cues
        { "cue after the end", Cue("{ bar: 9, file: cues/verse.wav }"), 6, 12, "last bar" },
        { "cue file missing", Cue("{ bar: 5, file: cues/chorus.wav }"), 6, 21, "not found" },
        { "cue without bar", Cue("{ file: cues/verse.wav }"), 6, 5, "missing 'bar'" },
    };

    [Theory]
    [MemberData(nameof(MalformedSongs))]
    public void Reports_the_one_problem_at_its_line_and_column(string name, string yaml, int line, int column, string problem)
    {
        using TempShowFolder show = ShowFixtures.MidnightDriveAudio().Text(ShowFixtures.SongFile, yaml);

        LoadResult<StageBox.Show.Model.SongDefinition> result = ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder));

        Assert.Null(result.Value);
        Assert.True(result.Errors.Count == 1, $"{name}: expected one error, got:\n{string.Join("\n", result.Errors)}");
        var error = result.Errors[0];
        Assert.Equal(($"{ShowFixtures.SongId}/song.yaml", line, column), (error.Where.File, error.Where.Line, error.Where.Column));
        Assert.Contains(problem, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A song whose first tempo_map entry ends with "meter: " + <paramref name="meter"/> (the value at column 34).</summary>
    private static string Meter(string meter) => $$"""
        title: T
        bars: 8
        tempo_map:
          - { bar: 1, tempo: 120, meter: {{meter}} }
        """;

    /// <summary>The base song with one block appended at line 5, its entries from line 6.</summary>
    private static string WithBlock(string header, IEnumerable<string> lines) =>
        ShowFixtures.ClickOnlySong + $"\n{header}\n" + string.Concat(lines.Select(l => $"  {l}\n"));

    private static string Sections(params string[] sections) => WithBlock("sections:", sections.Select(s => $"- {s}"));

    private static string Click(string field) => WithBlock("click:", [field]);

    private static string Stem(string stem) => WithBlock("stems:", [$"- {stem}"]);

    private static string Cue(string cue) => WithBlock("cues:", [$"- {cue}"]);
}
