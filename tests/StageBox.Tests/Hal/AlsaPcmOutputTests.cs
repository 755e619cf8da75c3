using StageBox.Hal;
using StageBox.Hal.Alsa;

namespace StageBox.Tests.Hal;

/// <summary>
/// The real libasound calls, without a sound card: ALSA's own "null" PCM (takes anything,
/// discards it) and its "file" plugin (writes what is played to a file, so the bytes can be
/// checked), both from Debian's alsa.conf.
/// </summary>
public sealed class AlsaPcmOutputTests
{
    private static readonly SampleFormat[] BestFirst = [SampleFormat.Float32, SampleFormat.S32, SampleFormat.S24_3LE, SampleFormat.S16];

    [Fact]
    public void Opens_the_null_device_and_reports_what_was_granted()
    {
        using AlsaPcmOutput output = AlsaPcmOutput.Open("null", 48_000, 8, 256, 1024, BestFirst);
        Assert.Equal(new PcmFormat(48_000, 8, SampleFormat.Float32), output.Format);
        Assert.InRange(output.PeriodFrames, 1, 1024);
        Assert.InRange(output.BufferFrames, output.PeriodFrames * 2, 1 << 20);
        Assert.Equal("null", output.Device);
    }

    [Theory]
    [InlineData(SampleFormat.Float32, 2)]
    [InlineData(SampleFormat.S32, 8)]
    [InlineData(SampleFormat.S24_3LE, 10)]
    [InlineData(SampleFormat.S16, 32)]
    public void The_file_plugin_receives_exactly_the_frames_written(SampleFormat format, int channels)
    {
        using var directory = new TempDirectory();
        string captured = directory.File("played.raw");
        var random = new Random(channels);
        byte[] written;
        using (AlsaPcmOutput output = AlsaPcmOutput.Open($"file:FILE={captured},FORMAT=raw", 44_100, channels, 128, 512, [format]))
        {
            Assert.Equal(format, output.Format.Sample);
            written = new byte[output.PeriodFrames * output.Format.BytesPerFrame * 40];
            random.NextBytes(written);
            int period = output.PeriodFrames * output.Format.BytesPerFrame;
            for (int offset = 0; offset < written.Length; offset += period) output.Write(written.AsSpan(offset, period));
            Assert.Equal(40 * output.PeriodFrames, output.FramesWritten);
            Assert.Equal(0, output.Xruns);
        }
        Assert.Equal(written, File.ReadAllBytes(captured));
    }

    [Fact]
    public void Writing_allocates_nothing()
    {
        using AlsaPcmOutput output = AlsaPcmOutput.Open("null", 48_000, 8, 256, 1024, BestFirst);
        var period = new byte[output.PeriodFrames * output.Format.BytesPerFrame];
        for (int i = 0; i < 100; i++) output.Write(period);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) output.Write(period);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_missing_device_is_a_clear_error_naming_it()
    {
        var error = Assert.Throws<AlsaException>(() => AlsaPcmOutput.Open("hw:97,0", 48_000, 2, 256, 1024, BestFirst));
        Assert.Contains("'hw:97,0'", error.Message);
        Assert.Contains("open failed", error.Message);
    }

    [Fact]
    public void A_partial_frame_is_refused_before_it_reaches_the_device()
    {
        using AlsaPcmOutput output = AlsaPcmOutput.Open("null", 48_000, 2, 256, 1024, [SampleFormat.S16]);
        Assert.Throws<ArgumentException>(() => output.Write(new byte[6]));
        Assert.Equal(0, output.FramesWritten);
    }

    [Fact]
    public void Listing_devices_includes_the_null_device_and_never_throws_for_absent_cards()
    {
        IReadOnlyList<AlsaDevice> devices = AlsaDevices.List();
        Assert.Contains(devices, d => d.Name == "null");
        AlsaDevice absent = AlsaDevices.Probe("hw:97,0");
        Assert.NotNull(absent.Problem);
        Assert.Null(absent.Channels);
    }
}
