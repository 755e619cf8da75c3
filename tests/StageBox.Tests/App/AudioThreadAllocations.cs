using System.Text.RegularExpressions;

namespace StageBox.Tests.App;

/// <summary>
/// Reads what a box says of its audio thread's allocations after warm-up (counted on that thread
/// itself): the exit summary's line, and the status file's.
/// </summary>
internal static partial class AudioThreadAllocations
{
    [GeneratedRegex(@"^audio thread allocations after warm-up: (\d+) bytes in (\d+) periods$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();

    [GeneratedRegex(@"^audio thread allocations after warm-up: (\d+) bytes$", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    /// <summary>
    /// Asserts that the exit summary in <paramref name="transcript"/> says 0 bytes over at least
    /// <paramref name="minimumPeriods"/> periods, so a box that hardly played cannot pass.
    /// </summary>
    public static void AssertNoneAtExit(string transcript, long minimumPeriods, string box = "the box")
    {
        Match line = ExitLine().Match(transcript);
        Assert.True(line.Success, $"{box} ended without saying what its audio thread allocated:\n{transcript}");
        long bytes = long.Parse(line.Groups[1].Value), periods = long.Parse(line.Groups[2].Value);
        Assert.True(bytes == 0, $"{box}: {line.Value} (the audio thread must allocate nothing after its warm-up)");
        Assert.True(periods >= minimumPeriods, $"{box}: {line.Value}; at least {minimumPeriods} periods were played");
    }

    /// <summary>What a status file's text says the audio thread has allocated so far; fails when it does not say.</summary>
    public static long InStatus(string status)
    {
        Match line = StatusLine().Match(status);
        Assert.True(line.Success, $"the status file does not say what the audio thread allocated:\n{status}");
        return long.Parse(line.Groups[1].Value);
    }
}
