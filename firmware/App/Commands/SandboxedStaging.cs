using System.Diagnostics;
using StageBox.App.StickImport;
using StageBox.Show.Import;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary>
/// Stages an import in a child process (<see cref="StageImportCommand"/>) that sandboxes itself
/// before it reads the stick; forwards its progress, lets the import's own step hook hear its
/// steps, and reads the outcome it leaves in the staging area.
/// </summary>
internal sealed class SandboxedStaging(int sampleRate, int outputChannels, IProgress<ImportProgress> progress, Action<string>? stepReached)
{
    public StagedImport Stage(string folder, string area)
    {
        ProcessStartInfo start = OwnProgram.StartInfo([StageImportCommand.Name, folder, "--into", area, "--rate", $"{sampleRate}", "--channels", $"{outputChannels}"]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("the import's staging process did not start");
        string? outcome = null;
        for (string? line; (line = child.StandardOutput.ReadLine()) is not null;)
        {
            if (ImportStatusLines.TryParseProgress(line, out ImportProgress reached)) progress.Report(reached);
            else if (line.StartsWith(StageImportCommand.StepWord, StringComparison.Ordinal)) Step(child, line[StageImportCommand.StepWord.Length..]);
            else if (line.StartsWith(StageImportCommand.OutcomeWord, StringComparison.Ordinal)) outcome = line[StageImportCommand.OutcomeWord.Length..];
            else Console.WriteLine(line);
        }
        child.WaitForExit();
        StagedImport staged = StagedImport.Parse(outcome, folder);
        return child.ExitCode == 0 || !staged.Staged ? staged
            : StagedImport.Failed(folder, new ShowError(new SourceLocation(folder), $"the import's staging process failed (exit {child.ExitCode})", "nothing was changed; import again, and report it with the log if it fails again"));
    }

    private void Step(Process child, string step)
    {
        stepReached?.Invoke(step);
        child.StandardInput.WriteLine();
        child.StandardInput.Flush();
    }
}
