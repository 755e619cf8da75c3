using System.Diagnostics;
using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Hal.Sim;

namespace StageBox.Benchmarks;

/// <summary>
/// The audio thread in real time (clock-paced output, 256-frame periods, a 1024-frame buffer:
/// 21 ms) at SCHED_FIFO, while other threads allocate hard enough to keep the GC busy: small
/// objects, survivors that reach gen 2, large-object arrays. Reports render time per period
/// (p50, p99, max), underruns (a GC pause that outlasted the buffer), and the GC pauses seen.
/// Not a BenchmarkDotNet run: what matters is the tail under load, not a mean.
/// </summary>
public static class RenderUnderGcLoad
{
    private const int Rate = 48_000, Period = 256, Buffer = 1024, Outputs = 8;

    public static void Run(TimeSpan duration)
    {
        var format = new PcmFormat(Rate, Outputs, SampleFormat.Float32);
        IReadOnlyList<SetlistSlot> setlist = [new SetlistSlot(Song(), SongEnd.Stop)];
        EngineWarmUp.Run(setlist, format, Period);
        var engine = new PlaybackEngine(setlist, format, Period);
        var output = new PacedPcmOutput(format, Period, Buffer);
        string? realTime = null;
        using var stop = new CancellationTokenSource();
        GcPauseWatch pauses = new();
        long gcBefore = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        TimeSpan pausedBefore = GC.GetTotalPauseDuration();
        HealthReport health;
        using (var loop = new RenderLoop(engine, output, () => realTime = RealTimeScheduling.RaiseCallingThread(80)))
        {
            loop.Start();
            engine.Commands.TryEnqueue(TransportCommand.Play);
            Thread[] load = Enumerable.Range(0, 2).Select(i => new Thread(() => Allocate(stop.Token, i)) { IsBackground = true }).ToArray();
            foreach (Thread thread in load) thread.Start();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                pauses.Sample();
                if (engine.Position.Read().State == TransportState.Stopped) engine.Commands.TryEnqueue(TransportCommand.Play);
                Thread.Yield();
            }
            stop.Cancel();
            foreach (Thread thread in load) thread.Join();
            health = loop.Health.Read();
        }
        output.Dispose();

        Console.WriteLine();
        Console.WriteLine($"## Render under GC load ({duration.TotalSeconds:0} s, 16 stems to 8 outputs + click, {Period}-frame periods, {Buffer}-frame buffer = {Buffer * 1000.0 / Rate:0.0} ms)");
        Console.WriteLine($"audio thread: {realTime ?? "SCHED_FIFO 80"}");
        Console.WriteLine();
        Console.WriteLine("| periods | render p50 | render p99 | render max | underruns | GCs (gen 2) | GC pause total | worst GC pause | margin to the buffer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        double bufferMs = Buffer * 1000.0 / Rate;
        Console.WriteLine($"| {health.Periods} | {health.RenderMedianMicroseconds:0} us | {health.RenderP99Microseconds:0} us | {health.RenderMaxMicroseconds:0} us | {output.Xruns} | " +
            $"{GC.CollectionCount(0) - gcBefore} ({GC.CollectionCount(2) - gen2Before}) | {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0.0} ms | " +
            $"{pauses.WorstMilliseconds:0.00} ms | {bufferMs / Math.Max(pauses.WorstMilliseconds, 0.001):0}x |");
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

    private static PreparedSong Song()
    {
        var random = new Random(1);
        PreparedStem[] stems = Enumerable.Range(0, 16).Select(i =>
        {
            var audio = new float[Rate * 20];
            for (int f = 0; f < audio.Length; f++) audio[f] = (float)(random.NextDouble() - 0.5) * 0.1f;
            return new PreparedStem($"stem{i + 1}", new AudioClip([audio]), [new OutputRoute(0, 2 + i % (Outputs - 2), 0.7f)]);
        }).ToArray();
        return new PreparedSong("gc", "GC load", Rate, new TempoMap([new TempoChange(1, 120, Meter.CommonTime)]), 1, null, [],
            new ClickSetup([0, 1], 0.5f, 2, ClickSounds.Synthesize(Rate)), stems, [], SongEnd.Stop);
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
