namespace StageBox.Hal.Native;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds, and sleeping until an absolute point on it. Safe on the
/// real-time audio thread: neither call allocates, and absolute deadlines mean a pacing loop
/// that derives each deadline from a fixed start never accumulates sleep error.
/// </summary>
public static unsafe class MonotonicClock
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static long NowNanoseconds()
    {
        Libc.TimeSpec now;
        if (Libc.ClockGetTime(Libc.ClockMonotonic, &now) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_MONOTONIC) failed; the kernel lacks a monotonic clock");
        return now.Seconds * NanosecondsPerSecond + now.Nanoseconds;
    }

    /// <summary>Returns once the monotonic clock has reached <paramref name="deadlineNs"/>; at once if it already has.</summary>
    public static void SleepUntil(long deadlineNs)
    {
        var deadline = new Libc.TimeSpec
        {
            Seconds = deadlineNs / NanosecondsPerSecond,
            Nanoseconds = deadlineNs % NanosecondsPerSecond,
        };
        int error;
        // A signal interrupts the sleep with EINTR; with an absolute deadline the same request simply resumes it.
        do error = Libc.ClockNanoSleep(Libc.ClockMonotonic, Libc.TimerAbsoluteTime, &deadline, null);
        while (error == Libc.InterruptedError);
        if (error != 0)
            throw new InvalidOperationException($"clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) failed with error {error}");
    }
}
