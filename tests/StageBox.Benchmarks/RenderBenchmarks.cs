using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Hal;

namespace StageBox.Benchmarks;

/// <summary>
/// The audio thread's work for one period: 16 mono stems routed to 8 outputs plus the click,
/// at 48 kHz in 256-frame periods, encoded to the device format. Reported per period, with
/// the multiple of real time and the bytes allocated (which must be 0).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Settings))]
public class RenderBenchmarks
{
    private const int Rate = 48_000, Period = 256, Stems = 16, Outputs = 8, PeriodsPerInvoke = 1000;

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
            AddColumn(StatisticColumn.Median, new RealTimeFactorColumn((double)Period / Rate));
        }
    }

    private PlaybackEngine _engine = null!;
    private byte[] _period = null!;

    [Params(SampleFormat.Float32, SampleFormat.S24_3LE)]
    public SampleFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        PreparedStem[] stems = Enumerable.Range(0, Stems).Select(i =>
        {
            var audio = new float[Rate * 30];
            for (int f = 0; f < audio.Length; f++) audio[f] = (float)(random.NextDouble() - 0.5) * 0.1f;
            return new PreparedStem($"stem{i + 1}", new MemoryClip([audio]), [new OutputRoute(0, 2 + i % (Outputs - 2), 0.7f)]);
        }).ToArray();
        var map = new TempoMap([new TempoChange(1, 120, Meter.CommonTime)]);
        var song = new PreparedSong("bench", "Bench", Rate, map, 1, null, [],
            new ClickSetup([0, 1], 0.5f, 2, ClickSounds.Synthesize(Rate)), stems, [], SongEnd.Stop);
        _engine = new PlaybackEngine([new SetlistSlot(song, SongEnd.Stop)], new PcmFormat(Rate, Outputs, Format), Period);
        _period = new byte[_engine.PeriodBytes];
    }

    /// <summary>Periods of 16 stems + click into 8 outputs; the song (30 s) restarts from the top when it has ended.</summary>
    [Benchmark(OperationsPerInvoke = PeriodsPerInvoke)]
    public void RenderPeriod()
    {
        if (_engine.Position.Read().State == TransportState.Stopped) _engine.Commands.TryEnqueue(TransportCommand.Play);
        for (int i = 0; i < PeriodsPerInvoke; i++) _engine.RenderPeriod(_period);
    }
}
