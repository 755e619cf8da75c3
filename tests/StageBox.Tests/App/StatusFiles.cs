using System.Diagnostics;

namespace StageBox.Tests.App;

/// <summary>Waits on what a running box writes to its status file (rewritten whole once a second).</summary>
internal static class StatusFiles
{
    /// <summary>The status text once it shows <paramref name="what"/>; fails the test, showing the last text, when it does not within <paramref name="patience"/>.</summary>
    public static string WaitFor(string path, Func<string, bool> wanted, string what, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using var tick = new ManualResetEventSlim();
        string text = "";
        while (clock.Elapsed < patience)
        {
            if (wanted(text = ReadIfThere(path))) return text;
            tick.Wait(TimeSpan.FromMilliseconds(50));
        }
        throw new Xunit.Sdk.XunitException($"the status file {path} did not show {what} within {patience.TotalSeconds} s:\n{text}");
    }

    /// <summary>The file's text; empty before the box first writes it (it is renamed into place whole, so never half).</summary>
    private static string ReadIfThere(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }
}
