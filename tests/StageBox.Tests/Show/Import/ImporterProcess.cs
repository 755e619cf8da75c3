using System.Diagnostics;

namespace StageBox.Tests.Show.Import;

/// <summary>
/// The real <c>stagebox import</c> as its own process, to be killed with SIGKILL wherever the
/// test chooses: after a delay, or where it stopped itself at a named step
/// (STAGEBOX_IMPORT_PAUSE_AT, see ImportPause).
/// </summary>
internal sealed class ImporterProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;

    private ImporterProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
    }

    public static ImporterProcess Start(string stick, string library, string? pauseAt = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "stagebox.dll"), "import", stick, "--library", library })
            start.ArgumentList.Add(argument);
        if (pauseAt is not null) start.Environment["STAGEBOX_IMPORT_PAUSE_AT"] = pauseAt;
        return new ImporterProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the importer has stopped itself (state T in /proc/PID/stat); false if it exited instead.</summary>
    public bool WaitUntilStopped(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) return false;
            if (State() == 'T') return true;
            _process.WaitForExit(TimeSpan.FromMilliseconds(5));
        }
        throw new TimeoutException($"the importer did not reach its pause point within {timeout.TotalSeconds} s");
    }

    public int Id => _process.Id;

    /// <summary>SIGCONT, after <see cref="WaitUntilStopped"/>: the import goes on from its pause.</summary>
    public void Resume() => StageBox.Tests.Hal.SystemCommand.Run("kill", "-CONT", $"{_process.Id}");

    /// <summary>The processes this importer started (by the parent field of /proc/PID/stat).</summary>
    public IReadOnlyList<int> Children() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (Id: int.Parse(name!), Parent: ParentOf(name!)))
            .Where(p => p.Parent == _process.Id)
            .Select(p => p.Id)
            .ToArray();

    private static int ParentOf(string pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>SIGKILL (Process.Kill sends it on Linux), then waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Waits for a run left alone to finish; returns its exit code and what it printed.</summary>
    public (int ExitCode, string Output) WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            Kill();
            throw new TimeoutException("the importer did not finish within 2 minutes");
        }
        return (_process.ExitCode, _output.Result);
    }

    /// <summary>Waits up to <paramref name="time"/>; true if the importer ended by itself.</summary>
    public bool EndsWithin(TimeSpan time) => _process.WaitForExit(time);

    /// <summary>The third field of /proc/PID/stat, after the parenthesised command name.</summary>
    private char State()
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return 'X';
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
