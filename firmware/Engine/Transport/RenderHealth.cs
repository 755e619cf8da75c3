namespace StageBox.Engine.Transport;

/// <summary>How the audio thread is doing, as the display and status read it.</summary>
public readonly record struct HealthReport(
    long Periods, double RenderMedianMicroseconds, double RenderP99Microseconds, double RenderMaxMicroseconds,
    long Xruns, long LatencyFrames, long DeviceLosses, bool DeviceAway,
    long ControlCommands, double ControlMedianMilliseconds, double ControlMaxMilliseconds,
    long AllocatedBytesAfterWarmUp, long PeriodsAfterWarmUp)
{
    /// <summary>The exit summary's line (tests and the rig assert it with a regex on "...: 0 bytes").</summary>
    public string AllocationsLine => $"audio thread allocations after warm-up: {AllocatedBytesAfterWarmUp} bytes in {PeriodsAfterWarmUp} periods";

    public override string ToString() =>
        $"render p50 {RenderMedianMicroseconds:0} us, p99 {RenderP99Microseconds:0} us, max {RenderMaxMicroseconds:0} us over {Periods} periods; xruns {Xruns}; latency {LatencyFrames} frames; device lost {DeviceLosses} times{(DeviceAway ? " (away now)" : "")}"
        + (ControlCommands > 0 ? $"; control to audio p50 {ControlMedianMilliseconds:0.0} ms, max {ControlMaxMilliseconds:0.0} ms over {ControlCommands} commands" : "");
}

/// <summary>
/// Per-period health, written by the audio thread and read by any other: the time each period
/// took to render, the device's xrun count, latency and losses, and how long a control's edge
/// took to reach the output (from its kernel timestamp to when the first frame it changed is heard),
/// and the bytes the audio thread itself allocated since its warm-up ended (the rule is none).
/// </summary>
public sealed class RenderHealth
{
    private readonly TimeHistogram _render = new(bucketNanoseconds: 2_000, buckets: 10_000);        // to 20 ms
    private readonly TimeHistogram _control = new(bucketNanoseconds: 500_000, buckets: 2_000);      // to 1 s
    private long _xruns;
    private long _latencyFrames;
    private long _deviceLosses;
    private bool _deviceAway;
    private long _allocationBaseline;
    private long _allocatedAfterWarmUp;
    private long _periodsAfterWarmUp;

    /// <summary>Audio thread: one period rendered in <paramref name="nanoseconds"/>.</summary>
    public void RecordRender(long nanoseconds) => _render.Record(nanoseconds);

    /// <summary>Audio thread: the device's counters after a write.</summary>
    public void RecordDevice(long xruns, long latencyFrames, long deviceLosses, bool deviceAway)
    {
        // Each counter is one aligned word, written and read whole (release, acquire); a reader may
        // pair the counters of two adjacent periods, which no reader depends on.
        Volatile.Write(ref _deviceAway, deviceAway);
        Volatile.Write(ref _xruns, xruns);
        Volatile.Write(ref _latencyFrames, latencyFrames);
        Volatile.Write(ref _deviceLosses, deviceLosses);
    }

    /// <summary>Audio thread: a control's edge reached the output after <paramref name="nanoseconds"/>.</summary>
    public void RecordControlLatency(long nanoseconds) => _control.Record(nanoseconds);

    /// <summary>Audio thread, once: its warm-up is over; what it allocates from here on is counted.</summary>
    public void WarmedUp() => _allocationBaseline = GC.GetAllocatedBytesForCurrentThread();

    /// <summary>
    /// Audio thread, after each period from warm-up on: its own allocation count (a read of a
    /// thread-local counter, itself allocation-free), published for any thread to read.
    /// </summary>
    public void RecordAllocations()
    {
        Volatile.Write(ref _allocatedAfterWarmUp, GC.GetAllocatedBytesForCurrentThread() - _allocationBaseline);
        Volatile.Write(ref _periodsAfterWarmUp, _periodsAfterWarmUp + 1);
    }

    /// <summary>Any thread: the bytes the audio thread allocated since its warm-up, as of its last period (cheaper than <see cref="Read"/>).</summary>
    public long AllocatedBytesAfterWarmUp => Volatile.Read(ref _allocatedAfterWarmUp);

    /// <summary>Any thread: the periods the audio thread has played since its warm-up.</summary>
    public long PeriodsAfterWarmUp => Volatile.Read(ref _periodsAfterWarmUp);

    public HealthReport Read() => new(
        _render.Count, _render.PercentileMicroseconds(0.50), _render.PercentileMicroseconds(0.99), _render.MaxMicroseconds,
        Volatile.Read(ref _xruns), Volatile.Read(ref _latencyFrames), Volatile.Read(ref _deviceLosses), Volatile.Read(ref _deviceAway),
        _control.Count, _control.PercentileMicroseconds(0.50) / 1e3, _control.MaxMicroseconds / 1e3,
        AllocatedBytesAfterWarmUp, PeriodsAfterWarmUp);
}
