using System.CommandLine;
using StageBox.App.StickImport;
using StageBox.Hal.Native;
using StageBox.Show.Import;
using StageBox.Show.Library;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox stage-import DIR --into AREA</c> (hidden): the half of <c>stagebox import</c> that
/// reads the stick, run by it as a child process. It enters the <see cref="ImportSandbox"/> before
/// opening anything on the stick, stages the show into AREA (a staging folder the parent made and
/// will commit or remove) and prints progress lines and its outcome for the parent. It can only
/// ever write inside AREA; the parent alone commits.
/// </summary>
internal static class StageImportCommand
{
    public const string Name = "stage-import";

    /// <summary>What the parent reads on a step line, and answers on the child's stdin before the child goes on.</summary>
    public const string StepWord = "step ";

    /// <summary>The last line: the <see cref="StagedImport"/> as JSON.</summary>
    public const string OutcomeWord = "outcome ";

    public static Command Create()
    {
        var folder = new Argument<string>("DIR");
        var into = new Option<string>("--into") { Required = true };
        var rate = new Option<int>("--rate") { Required = true };
        var channels = new Option<int>("--channels") { Required = true };
        var command = new Command(Name, "Stage an import in a sandbox (run by stagebox import)") { folder, into, rate, channels };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            ParentDeath.KillsThisProcess();
            string area = parse.GetValue(into)!, stick = Path.GetFullPath(parse.GetValue(folder)!);
            foreach (string missing in ImportSandbox.Enter(stick, area)) Console.WriteLine($"sandbox: {missing}");
            var importer = new ShowImporter(new ShowLibrary(Path.GetDirectoryName(Path.GetDirectoryName(area))!), parse.GetValue(rate), parse.GetValue(channels))
            {
                StepReached = WaitForParent,
            };
            StagedImport staged = importer.Stage(stick, area, new ImportProgressLines(Console.Out));
            Console.WriteLine(OutcomeWord + staged.ToJson());
            return 0;
        });
        return command;
    }

    /// <summary>Tells the parent a step was reached and waits for its answer, so a pause the parent takes there (ImportPause) holds the staging too.</summary>
    private static void WaitForParent(string step)
    {
        Console.WriteLine(StepWord + step);
        Console.Out.Flush();
        Console.In.ReadLine();
    }
}
