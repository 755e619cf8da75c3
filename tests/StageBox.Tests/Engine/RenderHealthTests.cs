using StageBox.Engine.Transport;

namespace StageBox.Tests.Engine;

public class RenderHealthTests
{
    [Fact]
    public void Reports_median_p99_and_max_render_times_with_the_device_counters()
    {
        var health = new RenderHealth();
        for (int i = 0; i < 980; i++) health.RecordRender(9_000);     // 9 us
        for (int i = 0; i < 15; i++) health.RecordRender(55_000);     // 55 us
        for (int i = 0; i < 5; i++) health.RecordRender(3_100_000);   // 3.1 ms
        health.RecordDevice(xruns: 2, latencyFrames: 1000, deviceLosses: 1, deviceAway: true);

        HealthReport report = health.Read();

        Assert.Equal(1000, report.Periods);
        Assert.Equal(10, report.RenderMedianMicroseconds);   // the 8-10 us bucket's upper edge
        Assert.Equal(56, report.RenderP99Microseconds);
        Assert.Equal(3100, report.RenderMaxMicroseconds);
        Assert.Equal((2, 1000, 1, true), (report.Xruns, report.LatencyFrames, report.DeviceLosses, report.DeviceAway));
        Assert.Equal(0, report.ControlCommands);
    }

    [Fact]
    public void Reports_control_latency_in_milliseconds()
    {
        var health = new RenderHealth();
        foreach (long ms in new long[] { 4, 6, 6, 7, 30 }) health.RecordControlLatency(ms * 1_000_000);
        HealthReport report = health.Read();
        Assert.Equal((5, 6.5, 30.0), (report.ControlCommands, report.ControlMedianMilliseconds, report.ControlMaxMilliseconds));
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var health = new RenderHealth();
        health.RecordRender(1);
        health.RecordDevice(0, 0, 0, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            health.RecordRender(i * 1000L);
            health.RecordDevice(i, i, i, false);
            health.RecordControlLatency(i * 100_000L);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static object? s_kept;

    [Fact]
    public void Counts_what_the_recording_thread_allocates_after_its_warm_up_and_nothing_before()
    {
        var health = new RenderHealth();
        s_kept = new byte[1000];                       // warm-up: not counted
        health.WarmedUp();
        health.RecordAllocations();
        HealthReport clean = health.Read();
        s_kept = new byte[1000];                       // kept in a field, so the JIT cannot place it on the stack
        health.RecordAllocations();
        HealthReport report = health.Read();

        Assert.Equal((0, 1), (clean.AllocatedBytesAfterWarmUp, clean.PeriodsAfterWarmUp));
        Assert.InRange(report.AllocatedBytesAfterWarmUp, 1000, 1100);
        Assert.Equal($"audio thread allocations after warm-up: {report.AllocatedBytesAfterWarmUp} bytes in 2 periods", report.AllocationsLine);
    }
}
