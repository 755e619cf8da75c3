using System.Text;
using StageBox.Hal.Files;

namespace StageBox.Show.Library;

/// <summary>
/// The library's own folder of import reports (<c>reports/</c> on the data partition). Reports
/// are never written to the stick: anything on a stick, a link above all, is the stick's to
/// control, and one named import-report.txt pointing at CURRENT once turned the installed show
/// into a report. Here each report is a new file written whole (<see cref="PlacedFile"/>), and
/// only the newest <see cref="Kept"/> stay, so a box fed sticks for years never fills its disk.
/// </summary>
public sealed class ImportReportShelf(string folder)
{
    /// <summary>Enough to look back over a tour's worth of imports; each is a few KiB at most.</summary>
    public const int Kept = 20;

    private const string Prefix = "import-";

    public string Folder { get; } = folder;

    /// <summary>Writes the report as the newest one, removes the oldest beyond <see cref="Kept"/>, and returns its path.</summary>
    public string Keep(string text, DateTimeOffset when)
    {
        Directory.CreateDirectory(Folder);
        string name = $"{Prefix}{when.UtcDateTime:yyyyMMdd-HHmmss-fff}.txt";
        PlacedFile.Replace(Folder, name, Encoding.UTF8.GetBytes(text));
        foreach (string old in Reports().SkipLast(Kept)) File.Delete(old);
        return Path.Join(Folder, name);
    }

    /// <summary>The reports, oldest first (their names sort by time).</summary>
    public IReadOnlyList<string> Reports() => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, $"{Prefix}*.txt").Order(StringComparer.Ordinal).ToArray()
        : [];
}
