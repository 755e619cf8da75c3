using System.Diagnostics;
using StageBox.Hal.Native;

namespace StageBox.Tests.Hal;

public sealed class MonotonicClockTests
{
    [Fact]
    public void Reads_the_same_clock_as_Stopwatch_on_Linux()
    {
        // .NET's Stopwatch on Linux is CLOCK_MONOTONIC in nanoseconds, so a reading taken between
        // two Stopwatch readings must fall between them.
        Assert.Equal(1_000_000_000, Stopwatch.Frequency);

        long before = Stopwatch.GetTimestamp();
        long now = MonotonicClock.NowNanoseconds();
        long after = Stopwatch.GetTimestamp();

        Assert.InRange(now, before, after);
    }

    [Fact]
    public void Sleeps_until_the_deadline_has_passed()
    {
        long deadline = MonotonicClock.NowNanoseconds() + 20_000_000;

        MonotonicClock.SleepUntil(deadline);

        Assert.True(MonotonicClock.NowNanoseconds() >= deadline);
    }
}
