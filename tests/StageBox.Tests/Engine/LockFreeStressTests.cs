using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Streaming;
using StageBox.Engine.Transport;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

/// <summary>
/// The structures the audio thread shares without locks, hammered from several threads with a
/// fixed amount of work (no timing in any assertion). Each value carries its own check, so a
/// torn or mixed read is caught wherever it happens. What they can catch on this x86 machine:
/// the logic (a missing retry, a lost or doubled command, a block rewritten A, B, A during one
/// copy) and any tearing of multi-word values; x86 does not reorder stores with stores or loads
/// with loads, so a missing barrier that only an arm64 core would show passes here. The barriers
/// are argued in a comment beside each structure.
/// </summary>
public sealed class LockFreeStressTests
{
    /// <summary>64 words, all equal when whole: a copy mixing two publishes is seen at once; wide, so a copy takes long enough to be overlapped.</summary>
    [System.Runtime.CompilerServices.InlineArray(64)]
    private struct Wide
    {
        private long _word;

        public static Wide Of(long n)
        {
            Wide value = default;
            ((Span<long>)value).Fill(n);
            return value;
        }

        public readonly long First => this[0];
        public readonly bool IsWhole => ((ReadOnlySpan<long>)this).IndexOfAnyExcept(this[0]) < 0;
    }

    [Fact]
    public void A_seqlock_reader_never_gets_a_torn_value_and_never_goes_back()
    {
        const int Publishes = 300_000, Readers = 2;
        var seqlock = new Seqlock<Wide>();
        seqlock.Publish(Wide.Of(0));
        using var started = new CountdownEvent(Readers);
        bool done = false;
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long[] reads = new long[Readers];
        Thread[] readers = Enumerable.Range(0, Readers).Select(r => new Thread(() =>
        {
            long last = 0;
            started.Signal();
            while (!Volatile.Read(ref done))
            {
                Wide value = seqlock.Read();
                reads[r]++;
                if (!value.IsWhole) problems.Enqueue($"torn: starts {value.First}, {value[63]} at the end");
                else if (value.First < last) problems.Enqueue($"went back from {last} to {value.First}");
                last = value.First;
            }
        })).ToArray();
        foreach (Thread reader in readers) reader.Start();
        started.Wait();
        for (long n = 1; n <= Publishes; n++) seqlock.Publish(Wide.Of(n));
        Volatile.Write(ref done, true);
        foreach (Thread reader in readers) reader.Join();

        Assert.Empty(problems.Take(5));
        Assert.All(reads, count => Assert.True(count > 0));
        Assert.Equal(Publishes + 1, seqlock.Published);
        Assert.Equal(Publishes, seqlock.Read().First);
    }

    [Fact]
    public void Commands_from_several_producers_arrive_each_once_whole_and_in_each_producers_order()
    {
        const int Producers = 3, PerProducer = 40_000;
        var queue = new CommandQueue(capacity: 64);
        int producing = Producers;
        Thread[] producers = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            var spin = new SpinWait();
            for (int n = 0; n < PerProducer; n++)
            {
                var command = new TransportCommand(CommandKind.LocateBar, p, Quantize.NextBar, Check(p, n), n);
                while (!queue.TryEnqueue(command)) spin.SpinOnce(); // full: the consumer is behind
            }
            Interlocked.Decrement(ref producing);
        }) { IsBackground = true }).ToArray();
        foreach (Thread producer in producers) producer.Start();

        // The audio thread's side: until every producer is done and the queue is empty.
        int[] next = new int[Producers];
        var problems = new List<string>();
        long taken = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (clock.Elapsed > HangGuard)
            {
                problems.Add($"still waiting after {HangGuard.TotalSeconds} s with {taken} taken: a producer is stuck in TryEnqueue");
                break;
            }
            bool finished = Volatile.Read(ref producing) == 0;
            if (queue.TryDequeue(out TransportCommand command))
            {
                taken++;
                int p = command.Argument;
                if (p < 0 || p >= Producers || command.IssuedAtNanoseconds != Check(p, (int)command.Frame) || command.Kind != CommandKind.LocateBar)
                    problems.Add($"torn: {command}");
                else if (command.Frame != next[p]) problems.Add($"producer {p}: {command.Frame} where {next[p]} was due");
                else next[p]++;
            }
            else if (finished) break;
        }
        Assert.Empty(problems.Take(5));
        foreach (Thread producer in producers) producer.Join();
        Assert.Equal((long)Producers * PerProducer, taken);
        Assert.All(next, count => Assert.Equal(PerProducer, count));
    }

    /// <summary>Not a speed limit: only keeps a hang (a broken queue spinning forever) from hanging the suite; the work takes a second or two.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static long Check(int producer, int n) => (producer + 1) * 1_000_003L ^ ((long)n << 20);

    [Fact]
    public void A_block_rewritten_with_other_audio_and_back_during_a_copy_is_never_played()
    {
        const int Copies = 20_000;
        var clip = new StreamedClip("bass.wav", 1, 10 * StreamBlock.Frames);
        var other = new StreamedClip("keys.wav", 1, 10 * StreamBlock.Frames);
        var block = new StreamBlock(1);
        Write(block, clip.KeyOf(2), 0.5f, first: 0, frames: StreamBlock.Frames);
        clip.Pinned = new PinnedBlocks([clip.KeyOf(2)], [block]);
        bool done = false;
        var problems = new List<string>();
        long whole = 0, missing = 0;

        // The audio thread: plays the whole block a fixed number of times; what it plays must be block 2's audio or, counted as missing, silence.
        var audio = new Thread(() =>
        {
            var bus = new MixBus(1, StreamBlock.Frames, scratchChannels: 1);
            OutputRoute[] route = [new OutputRoute(0, 0, 1)];
            for (int copy = 0; copy < Copies; copy++)
            {
                bus.Clear();
                int absent = clip.MixInto(2 * StreamBlock.Frames, StreamBlock.Frames, route, bus, 0, 1, 0);
                float expected = absent == 0 ? 0.5f : 0f;
                if (absent is not 0 and not StreamBlock.Frames) problems.Add($"{absent} frames missing, not all or none");
                else if (bus.Channel(0).IndexOfAnyExcept(expected) is int at and >= 0) problems.Add($"played {bus.Channel(0)[at]} at frame {at}, expected {expected}");
                if (absent == 0) whole++;
                else missing++;
            }
            Volatile.Write(ref done, true);
        });
        audio.Start();
        // The read-ahead: the block goes to another clip's audio and comes back, over and over. Only
        // frames in its middle change (a test's shortcut: the rest stays the first level), so many
        // rewrites fit in one copy, before and after the copy passes them.
        while (!Volatile.Read(ref done))
        {
            Write(block, other.KeyOf(2), -0.25f);
            Write(block, clip.KeyOf(2), 0.5f);
            Thread.SpinWait(20); // mostly holding block 2, as a ring slot does: most copies start on it
        }
        audio.Join();

        Assert.True(problems.Count == 0, $"{problems.Count} of {Copies} copies wrong, the first: {string.Join("; ", problems.Take(3))}");
        Assert.Equal(Copies, whole + missing);
    }

    private static void Write(StreamBlock block, long key, float level, int first = StreamBlock.Frames / 2, int frames = 64)
    {
        block.BeginWrite();
        block.Samples.AsSpan(first, frames).Fill(level);
        block.EndWrite(key);
    }

    [Fact]
    public void Setlists_offered_while_the_audio_thread_renders_are_taken_in_order_and_the_last_one_always_lands()
    {
        const int Rounds = 300, OffersPerRound = 8;
        SetlistSlot[] slots = [new SetlistSlot(Song(Constant(120), bars: 1, id: "a"), SongEnd.Stop), new SetlistSlot(Song(Constant(120), bars: 1, id: "b"), SongEnd.Stop)];
        var problems = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            PlaybackEngine engine = NewEngine(2, 64, slots);
            var offered = new List<SetlistSlot[]>(OffersPerRound);
            bool done = false;
            var offerer = new Thread(() =>
            {
                for (int n = 0; n < OffersPerRound; n++) offered.Add(engine.OfferSetlist(slots).To);
                Volatile.Write(ref done, true);
            });
            var period = new byte[engine.PeriodBytes];
            var seen = new List<IReadOnlyList<SetlistSlot>>();
            offerer.Start();
            while (!Volatile.Read(ref done))
            {
                engine.RenderPeriod(period);
                seen.Add(engine.Position.Read().Setlist!);
            }
            offerer.Join();
            engine.RenderPeriod(period); // the first period after the last offer takes it: the engine is stopped
            seen.Add(engine.Position.Read().Setlist!);

            int[] order = seen.Select(s => offered.FindIndex(o => ReferenceEquals(o, s))).ToArray();
            if (!ReferenceEquals(seen[^1], offered[^1])) problems.Add($"round {round}: the last offer was not taken over (order taken: {string.Join(' ', order)})");
            if (order.Zip(order.Skip(1)).Any(pair => pair.Second < pair.First)) problems.Add($"round {round}: went back to an older offer: {string.Join(' ', order)}");
            if (engine.SetlistOffered) problems.Add($"round {round}: an offer is still waiting after it was taken");
        }
        Assert.Empty(problems.Take(5));
    }
}
