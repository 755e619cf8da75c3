using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Hal.Sim;

namespace StageBox.Benchmarks;

/// <summary>
/// The audio thread as the box runs it, for benchmarks that load the machine beside it: a song
/// of 16 stems and a click to 8 outputs, 256-frame periods into a clock-paced output with a
/// 1024-frame buffer (21 ms), the render thread at SCHED_FIFO 80, replaying the song while the
/// caller's load runs. Reports render time per period and underruns.
/// </summary>
internal static class RealTimeRender
{
    public const int Rate = 48_000, Period = 256, Buffer = 1024, Outputs = 8;

    public sealed record Result(HealthReport Health, long Underruns, string RealTime);

    public static string Setup => $"16 stems to {Outputs} outputs + click, {Period}-frame periods, {Buffer}-frame buffer = {Buffer * 1000.0 / Rate:0.0} ms";

    /// <summary>Plays until <paramref name="keepGoing"/> says stop; <paramref name="whilePlaying"/> runs on the calling thread between checks.</summary>
    public static Result WhilePlaying(Func<bool> keepGoing, Action? whilePlaying = null)
    {
        var format = new PcmFormat(Rate, Outputs, SampleFormat.Float32);
        IReadOnlyList<SetlistSlot> setlist = [new SetlistSlot(Song(), SongEnd.Stop)];
        EngineWarmUp.Run(setlist, format, Period);
        var engine = new PlaybackEngine(setlist, format, Period);
        using var output = new PacedPcmOutput(format, Period, Buffer);
        string? realTime = null;
        using var loop = new RenderLoop(new MixChain(engine, []), output, () => realTime = RealTimeScheduling.RaiseCallingThread(80));
        loop.Start();
        engine.Commands.TryEnqueue(TransportCommand.Play);
        while (keepGoing())
        {
            whilePlaying?.Invoke();
            if (engine.Position.Read().State == TransportState.Stopped) engine.Commands.TryEnqueue(TransportCommand.Play);
            Thread.Yield();
        }
        return new Result(loop.Health.Read(), output.Xruns, realTime ?? "SCHED_FIFO 80");
    }

    /// <summary>Markdown table columns for a <see cref="Result"/>, to put beside a benchmark's own.</summary>
    public const string Columns = "render p50 | render p99 | render max | periods | underruns";

    public static string Cells(Result result) =>
        $"{result.Health.RenderMedianMicroseconds:0} us | {result.Health.RenderP99Microseconds:0} us | {result.Health.RenderMaxMicroseconds:0} us | {result.Health.Periods} | {result.Underruns}";

    private static PreparedSong Song()
    {
        var random = new Random(1);
        PreparedStem[] stems = Enumerable.Range(0, 16).Select(i =>
        {
            var audio = new float[Rate * 20];
            for (int f = 0; f < audio.Length; f++) audio[f] = (float)(random.NextDouble() - 0.5) * 0.1f;
            return new PreparedStem($"stem{i + 1}", new MemoryClip([audio]), [new OutputRoute(0, 2 + i % (Outputs - 2), 0.7f)]);
        }).ToArray();
        return new PreparedSong("load", "Under load", Rate, new TempoMap([new TempoChange(1, 120, Meter.CommonTime)]), 1, null, [],
            new ClickSetup([0, 1], 0.5f, 2, ClickSounds.Synthesize(Rate)), stems, [], SongEnd.Stop);
    }
}
