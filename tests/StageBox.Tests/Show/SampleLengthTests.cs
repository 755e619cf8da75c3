using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.Tests.Show;

/// <summary>
/// Cues and click samples are decoded whole into the playing process, so their length is capped
/// at validation: one just over the cap is refused at the line and column that names it, one at
/// the cap loads. The files are 8 kHz mono so that long ones stay small on disk.
/// </summary>
public sealed class SampleLengthTests
{
    private const int Rate = 8_000;

    public static TheoryData<string, string, double, int, int, string> Samples => new()
    {
        { "cue", "cues:\n  - { bar: 1, file: cues/long.wav }\n", 30.0, 6, 21, "a cue may last at most 30 s" },
        { "accent sample", "click:\n  accent_sample: click/long.wav\n", 2.0, 6, 18, "a click sample may last at most 2 s" },
        { "beat sample", "click:\n  beat_sample: click/long.wav\n", 2.0, 6, 16, "a click sample may last at most 2 s" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void One_just_over_the_cap_is_refused_where_it_is_named(string what, string block, double capSeconds, int line, int column, string problem)
    {
        LoadResult<SongDefinition> result = Load(block, seconds: capSeconds + 0.5);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal(($"{ShowFixtures.SongId}/song.yaml", line, column), (error.Where.File, error.Where.Line, error.Where.Column));
        Assert.Contains(problem, error.Problem);
        Assert.Contains($"lasts {capSeconds + 0.5:0.0} s", error.Problem);
        Assert.False(string.IsNullOrEmpty(error.Fix), what);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void One_at_the_cap_loads(string what, string block, double capSeconds, int line, int column, string problem)
    {
        LoadResult<SongDefinition> result = Load(block, seconds: capSeconds);

        Assert.True(result.Succeeded, $"{what} ({line}:{column} {problem}): {string.Join("\n", result.Errors)}");
    }

    private static LoadResult<SongDefinition> Load(string block, double seconds)
    {
        string file = block.Contains("cues", StringComparison.Ordinal) ? "cues/long.wav" : "click/long.wav";
        using TempShowFolder show = new TempShowFolder()
            .Wav($"{ShowFixtures.SongFolder}/{file}", channels: 1, frames: (int)(seconds * Rate), sampleRate: Rate)
            .Text(ShowFixtures.SongFile, ShowFixtures.ClickOnlySong + "\n" + block);
        return ShowLoader.LoadSong(show.PathOf(ShowFixtures.SongFolder));
    }
}
