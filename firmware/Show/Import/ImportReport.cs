using System.Text;

namespace StageBox.Show.Import;

/// <summary>
/// The import's outcome as a technician reads it, on the terminal, in the log and in the
/// library's reports folder (<see cref="Library.ImportReportShelf"/>): what was installed, or
/// every problem and that the box kept its show.
/// </summary>
public static class ImportReport
{
    public static string Text(ImportResult result, DateTimeOffset when)
    {
        var text = new StringBuilder();
        text.AppendLine("StageBox import report");
        text.AppendLine($"when: {when.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine($"from: {result.Source}");
        text.AppendLine(Summary(result));
        if (result.Errors.Count > 0)
        {
            text.AppendLine("problems:");
            foreach (var error in result.Errors) text.AppendLine($"  {error}");
        }
        if (result.Notes.Count > 0)
        {
            text.AppendLine("notes:");
            foreach (string note in result.Notes) text.AppendLine($"  {note}");
        }
        if (result.Skipped.Count > 0)
        {
            text.AppendLine("left out (hidden files and folders):");
            foreach (string skipped in result.Skipped) text.AppendLine($"  {skipped}");
        }
        return text.ToString();
    }

    public static string Summary(ImportResult result) => result.Succeeded
        ? $"result: installed as generation {result.Generation}: {result.Songs} song{(result.Songs == 1 ? "" : "s")}, "
          + $"{TimeSpan.FromSeconds(Math.Round(result.SongSeconds)):g} of music, in {result.Took.TotalSeconds:0.0} s ({result.RealTimeMultiple:0.0}x real time)"
        : $"result: NOT imported, {result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")}; the box keeps the show it had";
}
