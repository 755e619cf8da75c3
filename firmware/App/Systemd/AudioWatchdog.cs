namespace StageBox.App.Systemd;

/// <summary>
/// systemd's watchdog fed by the audio loop's progress, not by a timer: a ping goes out only
/// when the audio thread has rendered periods since the last one, so a playback thread that
/// stalls (while the process lives) stops the pings and systemd restarts the service. Pings at
/// half the interval systemd asks for (WATCHDOG_USEC), as sd_watchdog_enabled(3) advises.
/// </summary>
internal sealed class AudioWatchdog(SystemdNotifier notifier, TimeSpan? interval)
{
    private long _lastPeriods = -1;
    private long? _lastPingNanoseconds;

    /// <summary>The interval from WATCHDOG_USEC, when WATCHDOG_PID (if given) names this process; null when systemd watches nothing.</summary>
    public static TimeSpan? IntervalFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("WATCHDOG_PID") is { Length: > 0 } pid && pid != Environment.ProcessId.ToString()) return null;
        return long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out long microseconds) && microseconds > 0
            ? TimeSpan.FromMicroseconds(microseconds)
            : null;
    }

    /// <summary>Called often (four times an interval) with the audio loop's period count; pings when due and the count moved on.</summary>
    /// <returns>True when it pinged.</returns>
    public bool Observe(long periods, long nowNanoseconds)
    {
        if (interval is not TimeSpan every || periods == _lastPeriods) return false;
        if (nowNanoseconds - _lastPingNanoseconds < (long)(every.TotalNanoseconds / 2)) return false;
        notifier.Notify("WATCHDOG=1");
        _lastPeriods = periods;
        _lastPingNanoseconds = nowNanoseconds;
        return true;
    }
}
