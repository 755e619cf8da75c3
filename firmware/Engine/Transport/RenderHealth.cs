namespace StageBox.Engine.Transport;

/// <summary>How the audio thread is doing, as the display and status read it.</summary>
public readonly record struct HealthReport(
    long Periods, double RenderMedianMicroseconds, double RenderP99Microseconds, double RenderMaxMicroseconds,
    long Xruns, long LatencyFrames, long DeviceLosses)
{
    public override string ToString() =>
        $"render p50 {RenderMedianMicroseconds:0} us, p99 {RenderP99Microseconds:0} us, max {RenderMaxMicroseconds:0} us over {Periods} periods; xruns {Xruns}; latency {LatencyFrames} frames; device lost {DeviceLosses} times";
}

/// <summary>
/// Per-period health, written by the audio thread and read by any other: the time each period
/// took to render, kept as a histogram (so the audio thread only bumps a counter), and the
/// device's xrun count and latency. One writer; readers see values at most a period old.
/// </summary>
public sealed class RenderHealth
{
    /// <summary>Histogram resolution; render times are micro- to milliseconds.</summary>
    public const int BucketNanoseconds = 2_000;
    private const int Buckets = 10_000; // 20 ms, far beyond any period; longer ones land in the last

    private readonly long[] _counts = new long[Buckets + 1];
    private long _periods;
    private long _maxNanoseconds;
    private long _xruns;
    private long _latencyFrames;
    private long _deviceLosses;

    /// <summary>Audio thread: one period rendered in <paramref name="nanoseconds"/>.</summary>
    public void RecordRender(long nanoseconds)
    {
        _counts[Math.Min(nanoseconds / BucketNanoseconds, Buckets)]++;
        if (nanoseconds > _maxNanoseconds) Volatile.Write(ref _maxNanoseconds, nanoseconds);
        Volatile.Write(ref _periods, _periods + 1);
    }

    /// <summary>Audio thread: the device's counters after a write.</summary>
    public void RecordDevice(long xruns, long latencyFrames, long deviceLosses)
    {
        Volatile.Write(ref _xruns, xruns);
        Volatile.Write(ref _latencyFrames, latencyFrames);
        Volatile.Write(ref _deviceLosses, deviceLosses);
    }

    public HealthReport Read()
    {
        long periods = Volatile.Read(ref _periods);
        return new HealthReport(periods, Percentile(periods, 0.50), Percentile(periods, 0.99),
            Volatile.Read(ref _maxNanoseconds) / 1e3, Volatile.Read(ref _xruns), Volatile.Read(ref _latencyFrames), Volatile.Read(ref _deviceLosses));
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="fraction"/> quantile, in microseconds.</summary>
    private double Percentile(long periods, double fraction)
    {
        if (periods == 0) return 0;
        long wanted = (long)Math.Ceiling(periods * fraction), seen = 0;
        for (int bucket = 0; bucket <= Buckets; bucket++)
        {
            seen += Volatile.Read(ref _counts[bucket]);
            if (seen >= wanted) return (bucket + 1) * (BucketNanoseconds / 1e3);
        }
        return (Buckets + 1) * (BucketNanoseconds / 1e3);
    }
}
