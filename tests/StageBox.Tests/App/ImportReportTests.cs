using StageBox.Show.Library;
using StageBox.Tests.Hal;
using StageBox.Tests.Show;
using StageBox.Tests.Show.Import;

namespace StageBox.Tests.App;

/// <summary>
/// The real `stagebox import` keeps its report in the library's reports folder and never writes
/// to the stick: a stick whose import-report.txt is a link to the library's CURRENT once turned
/// CURRENT into a report and left the box with no show.
/// </summary>
public sealed class ImportReportTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly ShowLibrary _library;

    public ImportReportTests()
    {
        _library = new ShowLibrary(_work.File("library"));
        using TempShowFolder installed = ImportSticks.TwoSongs("Installed Opener");
        StageBoxProcess.Result import = StageBoxProcess.Run(_work.Path, "import", installed.Root, "--library", _library.Layout.Root);
        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_report_file_on_the_stick_linked_to_CURRENT_leaves_CURRENT_whole_and_the_library_checks_clean()
    {
        byte[] pointer = File.ReadAllBytes(_library.Layout.PointerFile);
        using TempShowFolder stick = ImportSticks.TwoSongs();
        File.CreateSymbolicLink(stick.PathOf($"{ImportSticks.Show}/import-report.txt"), _library.Layout.PointerFile);

        StageBoxProcess.Result import = StageBoxProcess.Run(_work.Path, "import", stick.Root, "--library", _library.Layout.Root);

        Assert.True(import.ExitCode == 1, import.Output + import.Errors);
        Assert.Contains("import-report.txt: error: is a symbolic link", import.Output);
        Assert.Equal(pointer, File.ReadAllBytes(_library.Layout.PointerFile));
        StageBoxProcess.Result check = StageBoxProcess.Run(_work.Path, "library", "check", "--library", _library.Layout.Root);
        Assert.True(check.ExitCode == 0, check.Output + check.Errors);
        string report = _library.Reports.Reports()[^1];
        Assert.Contains($"report kept in {report}", import.Output);
        Assert.Contains("NOT imported", File.ReadAllText(report));
    }

    [Fact]
    public void A_writable_stick_gets_nothing_written_to_it()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs("Opener v2");
        string[] before = Entries(stick.Root);

        StageBoxProcess.Result import = StageBoxProcess.Run(_work.Path, "import", stick.Root, "--library", _library.Layout.Root);

        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
        Assert.Equal(before, Entries(stick.Root));
        Assert.Equal(2, _library.Reports.Reports().Count);
        Assert.Contains("result: installed as generation g000002", File.ReadAllText(_library.Reports.Reports()[^1]));
    }

    private static string[] Entries(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(e => $"{Path.GetRelativePath(root, e)} {new FileInfo(e).LastWriteTimeUtc.Ticks}").Order(StringComparer.Ordinal).ToArray();
}
