using StageBox.Show.Library;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Import;

public sealed class ImportReportShelfTests : IDisposable
{
    private readonly TempDirectory _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public void Only_the_newest_reports_are_kept_each_whole()
    {
        var shelf = new ShowLibrary(_library.Path).Reports;
        var start = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < ImportReportShelf.Kept + 5; i++) shelf.Keep($"report {i}\n", start.AddMinutes(i));

        IReadOnlyList<string> kept = shelf.Reports();

        Assert.Equal(ImportReportShelf.Kept, kept.Count);
        Assert.Equal(Enumerable.Range(5, ImportReportShelf.Kept).Select(i => $"report {i}\n"), kept.Select(File.ReadAllText));
        Assert.Equal(kept, Directory.GetFiles(shelf.Folder).Order(StringComparer.Ordinal));
    }
}
