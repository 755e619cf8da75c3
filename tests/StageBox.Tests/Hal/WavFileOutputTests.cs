using StageBox.Hal;
using StageBox.Media.AudioFiles;
using StageBox.Hal.Sim;

namespace StageBox.Tests.Hal;

public sealed class WavFileOutputTests : IDisposable
{
    private static readonly PcmFormat Format = new(48_000, 10, SampleFormat.S24_3LE);
    private const int PeriodFrames = 256;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_file_holds_exactly_the_frames_written()
    {
        string path = _temp.File("render.wav");
        byte[] periods = TestSignals.Bytes(37 * PeriodFrames * Format.BytesPerFrame);
        byte[] shortTail = TestSignals.Bytes(101 * Format.BytesPerFrame, seed: 2);

        using (var output = new WavFileOutput(path, Format, PeriodFrames))
        {
            for (int period = 0; period < 37; period++)
                output.Write(periods.AsSpan(period * PeriodFrames * Format.BytesPerFrame, PeriodFrames * Format.BytesPerFrame));
            output.Write(shortTail);
            Assert.Equal(37 * PeriodFrames + 101, output.FramesWritten);
        }

        Assert.Equal([.. periods, .. shortTail], RiffChunks.Read(path).Body("data").ToArray());
        AudioFileInfo info = AudioFile.Probe(path);
        Assert.Equal(37 * PeriodFrames + 101, info.Frames);
        Assert.Equal(Format.Channels, info.Channels);
        Assert.Equal(Format.SampleRate, info.SampleRate);
    }

    [Fact]
    public void Reports_the_format_and_period_it_was_opened_with()
    {
        using var output = new WavFileOutput(_temp.File("shape.wav"), Format, PeriodFrames);

        Assert.Equal(Format, output.Format);
        Assert.Equal(PeriodFrames, output.PeriodFrames);
    }

    [Fact]
    public void Writing_a_period_allocates_nothing_after_warm_up()
    {
        using var output = new WavFileOutput(_temp.File("allocations.wav"), Format, PeriodFrames);
        byte[] period = TestSignals.Bytes(PeriodFrames * Format.BytesPerFrame);
        void WritePeriods(int count)
        {
            for (int i = 0; i < count; i++) output.Write(period);
        }
        WritePeriods(100);

        Assert.Equal(0, Allocations.During(() => WritePeriods(1000)));
    }
}
