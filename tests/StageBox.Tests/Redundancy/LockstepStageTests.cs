using System.Buffers.Binary;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Lockstep;
using StageBox.Tests.Engine;

namespace StageBox.Tests.Redundancy;

public sealed class LockstepStageTests
{
    private const int Period = 256, Buffer = 1024, Channels = 2;

    /// <summary>A device that keeps every frame written and lets the last <see cref="Queued"/> of them be taken back, as a hw PCM's queue.</summary>
    private sealed class QueueDevice : IPcmOutput
    {
        public const int Queued = 768;
        public List<float> Left { get; } = [];
        public PcmFormat Format { get; } = new(EngineHarness.Rate, Channels, SampleFormat.Float32);
        public int PeriodFrames => Period;
        public long Xruns => 0;
        public long DeviceLosses => 0;
        public long DelayFrames => Math.Min(Left.Count, Queued);
        public long RewindableFrames => DelayFrames;

        public void Write(ReadOnlySpan<byte> interleavedFrames)
        {
            for (int i = 0; i < interleavedFrames.Length; i += Format.BytesPerFrame) Left.Add(BinaryPrimitives.ReadSingleLittleEndian(interleavedFrames[i..]));
        }

        /// <summary>Frames the device plays between saying what it can give back and giving it back (a slow rewinder): these stay.</summary>
        public int PlaysOnBeforeRewind { get; init; }

        public long Rewind(long frames)
        {
            int taken = (int)Math.Min(frames, RewindableFrames - PlaysOnBeforeRewind);
            Left.RemoveRange(Left.Count - taken, taken);
            return taken;
        }

        public void Dispose()
        {
        }
    }

    private static PlaybackEngine PlayingEngine()
    {
        PreparedSong song = EngineHarness.Song(EngineHarness.Constant(120), bars: 8, clickOutputs: [1], clickGain: 0,
            stems: [EngineHarness.Stem("level", _ => 0.5f, 8 * 2 * EngineHarness.Rate, 0)]);
        PlaybackEngine engine = EngineHarness.NewEngine(Channels, Period, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        return engine;
    }

    private static void PlayPeriod(LockstepStage stage, PlaybackEngine engine, QueueDevice device, byte[] buffer)
    {
        stage.Render(new MixChain(engine, []), device, buffer);
        device.Write(buffer);
        stage.Written(device.DelayFrames, 0);
    }

    /// <summary>Eight muted periods of a standby, then the period in which it goes live: what the device got.</summary>
    private static QueueDevice TakeOverAfterEightMutedPeriods(QueueDevice device)
    {
        PlaybackEngine engine = PlayingEngine();
        var stage = new LockstepStage(device.Format, Period, Buffer, outputOpen: false, watchdogLine: null);
        var buffer = new byte[engine.PeriodBytes];
        for (int p = 0; p < 8; p++) PlayPeriod(stage, engine, device, buffer);
        Assert.All(device.Left, sample => Assert.Equal(0f, sample));

        stage.GoLive();
        PlayPeriod(stage, engine, device, buffer);
        return device;
    }

    /// <summary>The last <paramref name="rewritten"/> muted frames before the takeover's period were played again, fading in from the first.</summary>
    private static void AssertRewrittenFadingIn(QueueDevice device, int rewritten)
    {
        int firstSound = 8 * Period - rewritten;
        Assert.Equal(9 * Period, device.Left.Count);
        Assert.All(device.Left.Take(firstSound), sample => Assert.Equal(0f, sample));
        Assert.Equal(0f, device.Left[firstSound]);
        Assert.InRange(device.Left[firstSound + 1], 1e-4f, 0.01f);
        int fade = (int)(LockstepStage.FadeSeconds * EngineHarness.Rate);
        Assert.All(device.Left.Skip(firstSound + fade), sample => Assert.Equal(0.5f, sample, 1e-6f));
    }

    [Fact]
    public void A_takeover_rewrites_the_muted_frames_the_device_still_holds_so_the_audience_hears_it_at_once()
    {
        QueueDevice device = TakeOverAfterEightMutedPeriods(new QueueDevice());

        // All but one period of the queue was taken back and played again, fading in from its first frame.
        AssertRewrittenFadingIn(device, QueueDevice.Queued - LockstepStage.RewriteMarginPeriods * Period);
    }

    [Fact]
    public void A_device_that_gives_back_less_than_it_offered_gets_those_frames_rewritten_fading_in_from_the_first()
    {
        QueueDevice device = TakeOverAfterEightMutedPeriods(new QueueDevice { PlaysOnBeforeRewind = 400 });

        // Less than the 512 frames it offered (all but the one-period margin).
        AssertRewrittenFadingIn(device, QueueDevice.Queued - 400);
    }

    [Fact]
    public void A_box_that_never_corrects_plays_the_engines_samples_untouched()
    {
        PlaybackEngine engine = PlayingEngine();
        var device = new QueueDevice();
        var stage = new LockstepStage(device.Format, Period, Buffer, outputOpen: true, watchdogLine: null);
        var buffer = new byte[engine.PeriodBytes];
        for (int p = 0; p < 8; p++) PlayPeriod(stage, engine, device, buffer);
        // At a ratio of exactly 1 the resampler's kernel is a unit impulse: the stem's level, exactly, from the first frame.
        Assert.All(device.Left, sample => Assert.Equal(0.5f, sample));
    }

    [Fact]
    public void A_stand_by_said_before_the_audio_thread_acted_on_a_takeover_wins()
    {
        PlaybackEngine engine = PlayingEngine();
        var device = new QueueDevice();
        var watchdog = new CountingLine();
        var stage = new LockstepStage(device.Format, Period, Buffer, outputOpen: false, watchdogLine: watchdog);
        var buffer = new byte[engine.PeriodBytes];
        for (int p = 0; p < 4; p++) PlayPeriod(stage, engine, device, buffer);

        // The redundancy thread goes live and, learning of a live peer, stands by again, all within one period.
        stage.GoLive();
        stage.StandBy(keepOutputOpen: false);
        for (int p = 0; p < 4; p++) PlayPeriod(stage, engine, device, buffer);

        Assert.All(device.Left, sample => Assert.Equal(0f, sample));
        Assert.Equal(0, watchdog.Sets);
    }

    private sealed class CountingLine : StageBox.Hal.Display.IDigitalOutput
    {
        public int Sets { get; private set; }

        public void Set(bool high) => Sets++;
    }
}
