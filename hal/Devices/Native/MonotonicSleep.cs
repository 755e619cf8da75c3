namespace StageBox.Hal.Native;

/// <summary>
/// Sleeping until an absolute point on CLOCK_MONOTONIC (<see cref="MonotonicClock"/>). Safe on the
/// real-time audio thread: it allocates nothing, and absolute deadlines mean a pacing loop that
/// derives each deadline from a fixed start never accumulates sleep error.
/// </summary>
public static unsafe class MonotonicSleep
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Returns once the monotonic clock has reached <paramref name="deadlineNs"/>; at once if it already has.</summary>
    public static void Until(long deadlineNs)
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
