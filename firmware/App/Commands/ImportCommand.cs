using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.App.StickImport;
using StageBox.Hal.Native;
using StageBox.Show.Import;
using StageBox.Show.Library;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox import DIR</c>: installs the show in DIR (a show folder, or a stick's root with
/// StageBox/) into the library as a new generation, the same path a USB stick takes. Runs at
/// idle CPU and I/O priority, so a box playing beside it is never disturbed. What reads the
/// stick runs in a sandboxed child (<see cref="SandboxedStaging"/>); this process only holds the
/// library's lock, commits what the child staged and keeps the report.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var folder = new Argument<string>("DIR") { Description = "a show folder (songs/, setlists/) or a USB stick root with StageBox/" };
        var library = LibraryLocation.CreateOption();
        var progressLines = new Option<bool>("--progress-lines") { Description = "for the running box: progress, problems and the generation installed as lines to parse, instead of the progress bar" };
        var command = new Command("import", "Validate a show, convert it to the device rate and install it in the library") { folder, library, progressLines };
        command.SetAction(parse =>
        {
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            foreach (string problem in IdlePriority.LowerThisProcess()) Console.Error.WriteLine($"stagebox: warning: could not lower the import's priority: {problem}");
            ShowLibrary showLibrary = LibraryLocation.Open(parse, library, configuration);
            Action<string>? pause = ImportPause.FromEnvironment();
            var importer = new ShowImporter(showLibrary, configuration.Audio.Rate, configuration.Audio.Channels) { StepReached = pause };
            bool forTheBox = parse.GetValue(progressLines);
            ImportProgressBar? bar = forTheBox ? null : new ImportProgressBar(Console.Out, !Console.IsOutputRedirected);
            IProgress<ImportProgress> progress = bar ?? (IProgress<ImportProgress>)new ImportProgressLines(Console.Out);
            var staging = new SandboxedStaging(configuration.Audio.Rate, configuration.Audio.Channels, progress, pause);
            ImportResult result = importer.Import(parse.GetValue(folder)!, progress, staging.Stage);
            bar?.Finish();
            if (forTheBox) WriteOutcomeLines(result);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            string report = ImportReport.Text(result, now);
            Console.Write(report);
            KeepReport(showLibrary, report, now);
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>The report stays in the library, never on the stick; a report that cannot be kept does not change the import's outcome.</summary>
    private static void KeepReport(ShowLibrary library, string report, DateTimeOffset when)
    {
        try
        {
            Console.WriteLine($"report kept in {library.Reports.Keep(report, when)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"stagebox: warning: the import report could not be kept: {e.Message}");
        }
    }

    private static void WriteOutcomeLines(ImportResult result)
    {
        foreach (ShowError error in result.Errors) Console.WriteLine(ImportStatusLines.Problem(error));
        if (result.Generation is string generation) Console.WriteLine(ImportStatusLines.Installed(generation));
    }
}
