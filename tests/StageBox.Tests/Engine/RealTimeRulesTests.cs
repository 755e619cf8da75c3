using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Hal;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

/// <summary>The audio thread's rules: no allocation per period, lock-free hand-offs that lose nothing.</summary>
public class RealTimeRulesTests
{
    [Theory]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.S24_3LE)]
    [InlineData(SampleFormat.S16)]
    [InlineData(SampleFormat.S32)]
    public void Rendering_thousands_of_periods_with_commands_allocates_nothing(SampleFormat format)
    {
        PreparedStem[] stems = Enumerable.Range(0, 16)
            .Select(i => Stem($"stem{i}", f => MathF.Sin(f * 0.01f * (i + 1)) * 0.05f, Rate * 20, 2 + i % 6)).ToArray();
        var map = new TempoMap([new TempoChange(1, 120, Meter.CommonTime), new TempoChange(3, null, new Meter(7, 8, [2, 2, 3]), 150, 2)]);
        PreparedSong first = Song(map, countIn: 1, stems: stems, sections: [("A", 1), ("B", 3), ("C", 6)], subdivision: 2, id: "first",
            cues: [new PreparedCue(2, Clip(4800, _ => 0.1f), [new OutputRoute(0, 1, 1)])]);
        PreparedSong second = Song(Constant(133, 6, 8), countIn: 1, bars: 12, id: "second");
        var engine = new PlaybackEngine(
            [new SetlistSlot(first, SongEnd.Segue), new SetlistSlot(second, SongEnd.Next), new SetlistSlot(first, SongEnd.Stop)],
            new PcmFormat(Rate, 8, format), 256);
        var buffer = new byte[engine.PeriodBytes];
        EngineWarmUp.Run(engine, buffer, periodsPerCommand: 500);
        long before = GC.GetAllocatedBytesForCurrentThread();
        EngineWarmUp.Run(engine, buffer, periodsPerCommand: 500, rounds: 3);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4 * EngineWarmUp.Script.Length * 500, engine.Position.Read().Periods);
    }

    [Fact]
    public async Task Command_queue_delivers_every_command_once_in_each_producers_order()
    {
        var queue = new CommandQueue(64);
        const int producers = 4, perProducer = 20_000;
        var lastSeen = Enumerable.Repeat(-1, producers).ToArray();
        int received = 0;
        Task[] tasks = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < perProducer; i++)
                while (!queue.TryEnqueue(new TransportCommand(CommandKind.SelectSong, i, IssuedAtNanoseconds: p))) Thread.SpinWait(10);
        })).ToArray();
        while (received < producers * perProducer)
        {
            if (!queue.TryDequeue(out TransportCommand command)) continue;
            int producer = (int)command.IssuedAtNanoseconds;
            Assert.Equal(lastSeen[producer] + 1, command.Argument);
            lastSeen[producer] = command.Argument;
            received++;
        }
        await Task.WhenAll(tasks);
        Assert.False(queue.TryDequeue(out _));
        Assert.All(lastSeen, last => Assert.Equal(perProducer - 1, last));
    }

    [Fact]
    public void Full_queue_refuses_rather_than_blocking_or_overwriting()
    {
        var queue = new CommandQueue(4);
        for (int i = 0; i < 4; i++) Assert.True(queue.TryEnqueue(TransportCommand.SelectSong(i)));
        Assert.False(queue.TryEnqueue(TransportCommand.SelectSong(99)));
        Assert.True(queue.TryDequeue(out TransportCommand first));
        Assert.Equal(0, first.Argument);
    }

    [Fact]
    public async Task Position_snapshot_is_never_torn_while_written_concurrently()
    {
        // The audio thread publishes once a period; here far faster, with a pause between
        // writes as any real writer has (a seqlock reader needs a gap between writes to copy).
        var snapshot = new PositionSnapshot();
        const int writes = 100_000;
        var writer = Task.Run(() =>
        {
            for (long i = 1; i <= writes; i++)
            {
                snapshot.Publish(new PlaybackPosition(TransportState.Playing, (int)i, (int)i, i, (int)i, (int)i, (int)i, (int)i, (int)i, i, i, i, i));
                Thread.SpinWait(20);
            }
        });
        long reads = 0, latest = 0;
        while (!writer.IsCompleted || latest < writes)
        {
            PlaybackPosition p = snapshot.Read();
            Assert.True(p.SongFrame == p.Periods && p.Bar == p.SongIndex && p.FramesRemaining == p.SongFrame && p.Tempo == p.SongFrame,
                $"torn read: {p}");
            Assert.True(p.Periods >= latest, "a reader never sees time go backwards");
            latest = p.Periods;
            reads++;
        }
        await writer;
        Assert.Equal(writes, latest);
        Assert.True(reads > 1000, $"{reads} reads overlapped the writes");
    }
}
