using System.Diagnostics;
using StageBox.Show.Import;

namespace StageBox.App.StickImport;

/// <summary>
/// <c>stagebox import STICK --library L --progress-lines</c> run as a process of its own: the
/// stick's untrusted files are parsed there, never in the playing process, and the import
/// lowers itself to idle CPU and I/O priority. Its progress lines are handed on as they come;
/// killing it (when the box shuts down) leaves the library as it was.
/// </summary>
internal sealed class ImportProcess : IDisposable
{
    private readonly Process _process;

    private ImportProcess(Process process) => _process = process;

    public static ImportProcess Start(string stick, string library, string? configPath)
    {
        List<string> arguments = ["import", stick, "--library", library, "--progress-lines"];
        if (configPath is not null) arguments.AddRange(["--config", configPath]);
        ProcessStartInfo start = OwnProgram.StartInfo(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The playing box may own the terminal's keyboard; the import reads nothing.
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        return new ImportProcess(process);
    }

    /// <summary>Reads the import's output until it ends, calling <paramref name="progress"/> for each progress line.</summary>
    public ImportOutcome Run(Action<ImportProgress> progress)
    {
        var report = new List<string>();
        var problems = new List<string>();
        string? generation = null;
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) lock (report) report.Add(line.Data);
        };
        _process.BeginErrorReadLine();
        while (_process.StandardOutput.ReadLine() is string line)
        {
            if (ImportStatusLines.TryParseProgress(line, out ImportProgress step)) progress(step);
            else if (ImportStatusLines.ProblemIn(line) is string problem) problems.Add(problem);
            else if (ImportStatusLines.GenerationIn(line) is string installed) generation = installed;
            else lock (report) report.Add(line);
        }
        // Also waits for the error stream to be read to its end.
        _process.WaitForExit();
        lock (report) return new ImportOutcome(_process.ExitCode, generation, problems, report.ToArray());
    }

    /// <summary>Ends the import at once (the library keeps the show it had).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already ended.
        }
    }

    public void Dispose() => _process.Dispose();
}
