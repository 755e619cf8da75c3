using System.Diagnostics;

namespace StageBox.Benchmarks;

/// <summary>
/// The audio thread in real time (see <see cref="RealTimeRender"/>) while other threads allocate
/// hard enough to keep the GC busy: small objects, survivors that reach gen 2, large-object
/// arrays. Reports render time per period (p50, p99, max), underruns (a GC pause that outlasted
/// the buffer), and the GC pauses seen. Not a BenchmarkDotNet run: what matters is the tail
/// under load, not a mean.
/// </summary>
public static class RenderUnderGcLoad
{
    public static void Run(TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        GcPauseWatch pauses = new();
        long gcBefore = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        TimeSpan pausedBefore = GC.GetTotalPauseDuration();
        Thread[] load = Enumerable.Range(0, 2).Select(i => new Thread(() => Allocate(stop.Token, i)) { IsBackground = true }).ToArray();
        foreach (Thread thread in load) thread.Start();
        var clock = Stopwatch.StartNew();
        RealTimeRender.Result result = RealTimeRender.WhilePlaying(() => clock.Elapsed < duration, pauses.Sample);
        stop.Cancel();
        foreach (Thread thread in load) thread.Join();

        Console.WriteLine();
        Console.WriteLine($"## Render under GC load ({duration.TotalSeconds:0} s, {RealTimeRender.Setup})");
        Console.WriteLine($"audio thread: {result.RealTime}");
        Console.WriteLine();
        Console.WriteLine($"| {RealTimeRender.Columns} | GCs (gen 2) | GC pause total | worst GC pause | margin to the buffer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        double bufferMs = RealTimeRender.Buffer * 1000.0 / RealTimeRender.Rate;
        Console.WriteLine($"| {RealTimeRender.Cells(result)} | {GC.CollectionCount(0) - gcBefore} ({GC.CollectionCount(2) - gen2Before}) | " +
            $"{(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0.0} ms | {pauses.WorstMilliseconds:0.00} ms | {bufferMs / Math.Max(pauses.WorstMilliseconds, 0.001):0}x |");
    }

    /// <summary>Allocation like a busy UI and import thread, only harder: short-lived garbage, survivors, large arrays.</summary>
    private static void Allocate(CancellationToken stop, int seed)
    {
        var random = new Random(seed);
        var survivors = new List<object>();
        while (!stop.IsCancellationRequested)
        {
            for (int i = 0; i < 1000; i++) _ = new string('x', random.Next(8, 200));
            survivors.Add(new byte[random.Next(1_000, 120_000)]);
            if (survivors.Count > 2_000) survivors.RemoveRange(0, 1_000);
        }
    }

    /// <summary>The longest GC pause seen, from the runtime's record of each collection's pauses.</summary>
    private sealed class GcPauseWatch
    {
        private long _lastIndex = -1;
        public double WorstMilliseconds { get; private set; }

        public void Sample()
        {
            GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index == _lastIndex) return;
            _lastIndex = info.Index;
            foreach (TimeSpan pause in info.PauseDurations) WorstMilliseconds = Math.Max(WorstMilliseconds, pause.TotalMilliseconds);
        }
    }
}
