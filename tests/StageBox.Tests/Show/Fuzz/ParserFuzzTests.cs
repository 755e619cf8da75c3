using System.Diagnostics;
using System.Text;
using StageBox.Show;
using StageBox.Show.Model;
using Xunit.Abstractions;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// Thousands of spoilt song and setlist files, each loaded through the song parser (LoadSong)
/// and the whole show (LoadShow, which also reads every setlist against the songs): none may
/// crash or hang the loader, each gives errors that say what and where, or a sane model.
/// </summary>
public sealed class ParserFuzzTests : IDisposable
{
    public const int Cases = 5_000;

    private readonly ITestOutputHelper _output;
    /// <summary>Holds the corpus show in its StageBox/, whose files the fuzz rewrites thousands of times.</summary>
    private readonly StickFolder _stick = new();
    private readonly string _show;

    public ParserFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        _stick.Hold(Stick.Sound.Value);
        _show = Path.Join(_stick.Root, Stick.ShowFolder);
    }

    public void Dispose() => _stick.Dispose();

    private string PathOf(string relativePath) => Path.Join(_show, relativePath);

    [Fact]
    public void The_corpus_loads_without_an_error()
    {
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(_show, FuzzCorpus.Outputs);

        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        Assert.Equal(3, loaded.Value.Songs.Count);
        Assert.Equal(["encore", "friday"], loaded.Value.Setlists.Keys.Order(StringComparer.Ordinal));
        LoadChecks.Show(loaded.Value, FuzzCorpus.Outputs, () => "the corpus");
    }

    [Fact]
    public async Task Spoilt_song_and_setlist_files_give_errors_with_what_and_where_or_a_sane_show_never_a_crash_or_a_hang()
    {
        int seed = FuzzSettings.Seed;
        _output.WriteLine(FuzzSettings.Announce(seed));
        var clock = Stopwatch.StartNew();
        var tally = new FuzzTally();
        string? spoilt = null;
        foreach (int index in FuzzSettings.Indexes(Cases))
        {
            FuzzCase fuzzCase = YamlCases.Make(seed, index);
            if (spoilt is not null && spoilt != fuzzCase.Target) Stick.Write(_show, spoilt, Encoding.UTF8.GetBytes(FuzzCorpus.Files[spoilt]));
            Stick.Write(_show, fuzzCase.Target, fuzzCase.Bytes);
            spoilt = fuzzCase.Target;
            FuzzSettings.Trace(fuzzCase);
            string describe() => fuzzCase.ToString();

            if (fuzzCase.Target.StartsWith("songs/", StringComparison.Ordinal))
            {
                string songFolder = PathOf(Path.GetDirectoryName(fuzzCase.Target)!);
                Measured<LoadResult<SongDefinition>> song = await CaseRunner.Run(() => ShowLoader.LoadSong(songFolder, FuzzCorpus.Outputs), describe);
                LoadChecks.Result(song.Value.Value, song.Value.Errors, Path.GetDirectoryName(songFolder)!, describe);
                tally.Add(fuzzCase, song);
                if (song.Value.Value is not { } loadedSong) continue;
                // A song that loads is checked for sense, and in its show, whose setlists play it.
                LoadChecks.Song(loadedSong, FuzzCorpus.Outputs, describe);
            }
            Measured<LoadResult<ShowDefinition>> show = await CaseRunner.Run(() => ShowLoader.LoadShow(_show, FuzzCorpus.Outputs), describe);
            LoadChecks.Result(show.Value.Value, show.Value.Errors, _show, describe);
            if (show.Value.Value is { } loadedShow) LoadChecks.Show(loadedShow, FuzzCorpus.Outputs, describe);
            tally.Add(fuzzCase, show);
        }
        _output.WriteLine($"seed {seed}: {tally} in {clock.Elapsed.TotalSeconds:F1} s");
        tally.CheckBothOutcomesSeen();
    }
}
