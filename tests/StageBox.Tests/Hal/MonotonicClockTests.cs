using System.Diagnostics;
using StageBox.Hal;
using StageBox.Hal.Native;

namespace StageBox.Tests.Hal;

public sealed class MonotonicClockTests
{
    [Fact]
    public void Reads_the_kernels_monotonic_clock()
    {
        // Another process's CLOCK_MONOTONIC (Python's time.monotonic_ns), read between two of ours, falls between them.
        long before = MonotonicClock.NowNanoseconds();
        long theirs = long.Parse(Run("python3", "-c", "import time; print(time.monotonic_ns())"));
        long after = MonotonicClock.NowNanoseconds();

        Assert.InRange(theirs, before, after);
    }

    [Fact]
    public void Sleeps_until_the_deadline_has_passed()
    {
        long deadline = MonotonicClock.NowNanoseconds() + 20_000_000;

        MonotonicSleep.Until(deadline);

        Assert.True(MonotonicClock.NowNanoseconds() >= deadline);
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
