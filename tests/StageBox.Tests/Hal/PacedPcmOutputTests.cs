using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Hal.Sim;

namespace StageBox.Tests.Hal;

/// <summary>
/// Timing here is checked by lower bounds only: a shared machine may always be slower than
/// real time, never faster.
/// </summary>
public sealed class PacedPcmOutputTests : IDisposable
{
    private static readonly PcmFormat Format = new(48_000, 2, SampleFormat.S16);
    private const int PeriodFrames = 480; // 10 ms
    private const int BufferFrames = 4800; // 100 ms

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Takes_frames_no_faster_than_real_time_and_hands_them_all_to_the_recorder()
    {
        string recording = _temp.File("recording.wav");
        const int periods = 50; // 0.5 s
        byte[] audio = TestSignals.Bytes(periods * PeriodFrames * Format.BytesPerFrame);
        int periodBytes = PeriodFrames * Format.BytesPerFrame;

        long elapsed;
        using (var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames, recorder: new WavFileOutput(recording, Format, PeriodFrames)))
        {
            long start = MonotonicClock.NowNanoseconds();
            for (int period = 0; period < periods; period++)
                output.Write(audio.AsSpan(period * periodBytes, periodBytes));
            elapsed = MonotonicClock.NowNanoseconds() - start;

            Assert.Equal(periods * PeriodFrames, output.FramesWritten);
        }

        // The first buffer goes in at once; the rest must wait for the device to play it out.
        Assert.True(elapsed >= NanosecondsFor(periods * PeriodFrames - BufferFrames, Format.SampleRate),
            $"0.5 s of audio was taken in {elapsed / 1e6:F1} ms");
        Assert.Equal(audio, RiffChunks.Read(recording).Body("data").ToArray());
    }

    [Fact]
    public void A_slow_crystal_takes_proportionally_longer()
    {
        const double ppm = -200_000; // drains at 0.8 × the nominal rate
        const int periods = 25;
        byte[] period = new byte[PeriodFrames * Format.BytesPerFrame];

        using var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames, ppm);
        long start = MonotonicClock.NowNanoseconds();
        for (int i = 0; i < periods; i++) output.Write(period);
        long elapsed = MonotonicClock.NowNanoseconds() - start;

        long nominal = NanosecondsFor(periods * PeriodFrames - BufferFrames, Format.SampleRate);
        Assert.True(elapsed >= nominal / 0.8, $"expected at least {nominal / 0.8 / 1e6:F1} ms, took {elapsed / 1e6:F1} ms");
    }

    [Fact]
    public void Until_the_buffer_first_fills_every_frame_written_is_still_queued()
    {
        using var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames);
        byte[] period = new byte[PeriodFrames * Format.BytesPerFrame];

        for (int i = 0; i < 9; i++) output.Write(period);

        Assert.Equal(9 * PeriodFrames, output.DelayFrames);
        Assert.Equal(9 * PeriodFrames, output.FramesWritten);
    }

    [Fact]
    public void A_writer_arriving_after_the_buffer_ran_empty_counts_an_underrun_and_starts_refilling()
    {
        using var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames);
        byte[] period = new byte[PeriodFrames * Format.BytesPerFrame];
        for (int i = 0; i < BufferFrames / PeriodFrames; i++) output.Write(period);
        Assert.Equal(0, output.Xruns);

        MonotonicSleep.Until(MonotonicClock.NowNanoseconds() + NanosecondsFor(BufferFrames, Format.SampleRate) + 20_000_000);
        output.Write(period);

        Assert.Equal(1, output.Xruns);
        Assert.Equal(PeriodFrames, output.DelayFrames); // recovered: an empty buffer holding just this period
        Assert.Equal(BufferFrames + PeriodFrames, output.FramesWritten);
    }

    [Fact]
    public void Writing_a_period_allocates_nothing_after_warm_up()
    {
        // A high rate keeps 1000 paced periods short in wall-clock time.
        var format = new PcmFormat(384_000, 2, SampleFormat.Float32);
        const int periodFrames = 64;
        using var output = new PacedPcmOutput(format, periodFrames, 4 * periodFrames, ppmError: 50,
            recorder: new WavFileOutput(_temp.File("allocations.wav"), format, periodFrames));
        byte[] period = new byte[periodFrames * format.BytesPerFrame];
        void WritePeriods(int count)
        {
            for (int i = 0; i < count; i++) output.Write(period);
        }
        WritePeriods(100); // fills the buffer, starts the device, and paces a while

        Assert.Equal(0, Allocations.During(() => WritePeriods(1000)));
        Assert.Equal(1100 * periodFrames, output.FramesWritten);
    }

    [Fact]
    public void A_buffer_smaller_than_a_period_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacedPcmOutput(Format, PeriodFrames, PeriodFrames - 1));
    }

    [Fact]
    public void A_recorder_of_another_format_is_refused()
    {
        var otherFormat = Format with { Channels = 4 };
        using var recorder = new WavFileOutput(_temp.File("other.wav"), otherFormat, PeriodFrames);

        Assert.Throws<ArgumentException>(() => new PacedPcmOutput(Format, PeriodFrames, BufferFrames, recorder: recorder));
    }

    [Fact]
    public void A_buffer_of_partial_frames_is_refused()
    {
        using var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames);

        Assert.Throws<ArgumentException>(() => output.Write(new byte[Format.BytesPerFrame + 1]));
    }

    private static long NanosecondsFor(long frames, int sampleRate) => frames * 1_000_000_000L / sampleRate;

    [Fact]
    public void Frames_taken_back_are_replaced_by_the_next_write_in_the_device_and_in_the_recording()
    {
        string recording = _temp.File("rewind.wav");
        int periodBytes = PeriodFrames * Format.BytesPerFrame;
        byte[] silence = new byte[BufferFrames * Format.BytesPerFrame];
        byte[] sound = TestSignals.Bytes(BufferFrames * Format.BytesPerFrame);
        long queued;
        using (var output = new PacedPcmOutput(Format, PeriodFrames, BufferFrames, recorder: new WavFileOutput(recording, Format, PeriodFrames)))
        {
            for (int period = 0; period < BufferFrames / PeriodFrames; period++) output.Write(silence.AsSpan(0, periodBytes));
            long rewindable = output.RewindableFrames;
            Assert.InRange(rewindable, 1, BufferFrames);
            // No more than is still queued can be taken back (the device plays on meanwhile).
            queued = output.Rewind(rewindable + 1000);
            Assert.InRange(queued, 1, rewindable);
            Assert.Equal(BufferFrames - queued, output.FramesWritten);
            output.Write(sound.AsSpan(0, (int)queued * Format.BytesPerFrame));
            Assert.Equal(BufferFrames, output.FramesWritten);
        }
        byte[] data = RiffChunks.Read(recording).Body("data").ToArray();
        int keptBytes = (int)(BufferFrames - queued) * Format.BytesPerFrame;
        Assert.Equal(BufferFrames * Format.BytesPerFrame, data.Length);
        Assert.All(data[..keptBytes], b => Assert.Equal(0, b));
        Assert.Equal(sound[..(data.Length - keptBytes)], data[keptBytes..]);
    }
}
