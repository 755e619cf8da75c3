using StageBox.App.StickImport;
using StageBox.Show.Import;
using StageBox.Show.Model;
using StageBox.Tests.Show;

namespace StageBox.Tests.App;

/// <summary>The lines `stagebox import --progress-lines` writes for the running box, and the box reading them back.</summary>
public sealed class ImportStatusLinesTests
{
    [Theory]
    [InlineData(ImportStage.Checking, 0, null, "progress checking 0.000")]
    [InlineData(ImportStage.Converting, 0.4567, "songs/my song/drums.wav", "progress converting 0.457 songs/my song/drums.wav")]
    [InlineData(ImportStage.Committing, 0.98, null, "progress committing 0.980")]
    [InlineData(ImportStage.Done, 1, null, "progress done 1.000")]
    public void Progress_is_written_as_stage_fraction_and_file_and_read_back(ImportStage stage, double fraction, string? file, string line)
    {
        Assert.Equal(line, ImportStatusLines.Progress(new ImportProgress(stage, fraction, file)));

        Assert.True(ImportStatusLines.TryParseProgress(line, out ImportProgress read));
        Assert.Equal(new ImportProgress(stage, Math.Round(fraction, 3), file), read);
    }

    [Theory]
    [InlineData("progress 45% converting songs/a/drums.wav")]
    [InlineData("progress converting")]
    [InlineData("progress 3 0.5")]
    [InlineData("progress sleeping 0.5")]
    [InlineData("progress converting half")]
    [InlineData("result: installed as generation g000002: 2 songs")]
    [InlineData("")]
    public void Other_lines_are_not_progress(string line)
    {
        Assert.False(ImportStatusLines.TryParseProgress(line, out _));
    }

    [Fact]
    public void Problems_and_the_generation_installed_are_told_from_the_report()
    {
        var error = new ShowError(new SourceLocation("songs/a/song.yaml", 3, 5), "bars must be a whole number", "write bars: 8");

        Assert.Equal("songs/a/song.yaml:3:5: error: bars must be a whole number (write bars: 8)", ImportStatusLines.ProblemIn(ImportStatusLines.Problem(error)));
        Assert.Equal("g000007", ImportStatusLines.GenerationIn(ImportStatusLines.Installed("g000007")));
        Assert.Null(ImportStatusLines.ProblemIn("problems:"));
        Assert.Null(ImportStatusLines.GenerationIn("installed"));
        Assert.Null(ImportStatusLines.GenerationIn("installed as generation g000002"));
    }

    [Fact]
    public void The_import_command_writes_them_for_a_good_show_and_for_a_bad_one()
    {
        using TempShowFolder show = new TempShowFolder()
            .Text("songs/one/song.yaml", "title: One\nbars: 2\ntempo_map:\n  - { bar: 1, tempo: 120 }\n")
            .Text("setlists/main.yaml", "songs:\n  - one\n");
        string library = show.PathOf("library");

        StageBoxProcess.Result good = StageBoxProcess.Run(show.Root, "import", show.Root, "--library", library, "--progress-lines");
        File.WriteAllText(show.PathOf("songs/one/song.yaml"), "title: One\nbars: two\ntempo_map:\n  - { bar: 1, tempo: 120 }\n");
        StageBoxProcess.Result bad = StageBoxProcess.Run(show.Root, "import", show.Root, "--library", library, "--progress-lines");

        string[] goodLines = good.Output.Split('\n');
        Assert.True(good.ExitCode == 0, good.Output + good.Errors);
        Assert.Contains("progress checking 0.000", goodLines);
        Assert.Contains("progress done 1.000", goodLines);
        Assert.Contains("installed g000001", goodLines);
        Assert.DoesNotContain(goodLines, line => line.StartsWith('['));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(bad.Output.Split('\n'), line => line.StartsWith("problem ") && line.Contains("songs/one/song.yaml:2:"));
        Assert.DoesNotContain(bad.Output.Split('\n'), line => line.StartsWith("installed "));
    }
}
