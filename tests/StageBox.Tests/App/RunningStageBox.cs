using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace StageBox.Tests.App;

/// <summary>
/// A stagebox process still running: its output read line by line as it comes, so a test can
/// wait (with a bounded patience) for the line that says the box has done something. Killed on
/// dispose if it has not ended by itself.
/// </summary>
internal sealed class RunningStageBox : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _transcript = new();
    private readonly StringBuilder _errors = new();

    public RunningStageBox(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) _lines.CompleteAdding();
            else _lines.Add(line.Data);
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) lock (_errors) _errors.AppendLine(line.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output as far as the waits have read it (all of it once the process has exited), and the errors.</summary>
    public string Transcript
    {
        get
        {
            lock (_errors) return $"{_transcript}--- stderr ---\n{_errors}";
        }
    }

    /// <summary>Reads on until a line matches; fails the test, showing what came, if none does within <paramref name="patience"/> or the output ends.</summary>
    public string WaitForLine(Func<string, bool> wanted, TimeSpan patience, string what)
    {
        using var cancel = new CancellationTokenSource(patience);
        try
        {
            foreach (string line in _lines.GetConsumingEnumerable(cancel.Token))
            {
                _transcript.AppendLine(line);
                if (wanted(line)) return line;
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no {what} within {patience.TotalSeconds} s; the output:\n{Transcript}");
        }
        throw new Xunit.Sdk.XunitException($"the output ended without {what}:\n{Transcript}");
    }

    /// <summary>
    /// Reads on until each of <paramref name="wanted"/> has matched a line, in whatever order
    /// the box's threads wrote them; the first line each matched.
    /// </summary>
    public string[] WaitForLines(TimeSpan patience, params (string What, Func<string, bool> Matches)[] wanted)
    {
        var found = new string?[wanted.Length];
        WaitForLine(line =>
        {
            for (int i = 0; i < wanted.Length; i++)
                if (found[i] is null && wanted[i].Matches(line)) found[i] = line;
            return found.All(line => line is not null);
        }, patience, string.Join(" and ", wanted.Select(w => w.What)));
        return found!;
    }

    /// <summary>
    /// Takes whatever output has come so far without waiting; true if any line of it, read by an
    /// earlier wait or now, contains <paramref name="text"/>.
    /// </summary>
    public bool HasSaid(string text)
    {
        while (_lines.TryTake(out string? line)) _transcript.AppendLine(line);
        return _transcript.ToString().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Waits for the process to end by itself, taking the rest of its output into the transcript; its exit code.</summary>
    public int WaitForExit(TimeSpan patience)
    {
        if (!_process.WaitForExit(patience)) throw new Xunit.Sdk.XunitException($"stagebox did not exit within {patience.TotalSeconds} s:\n{Transcript}");
        // Returns once the output has been read to its end, so the collection is complete.
        _process.WaitForExit();
        foreach (string line in _lines.GetConsumingEnumerable()) _transcript.AppendLine(line);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _lines.Dispose();
    }
}
