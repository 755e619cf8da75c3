using StageBox.Hal;
using StageBox.Media.AudioFiles;
using StageBox.Media.Wav;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Media;

public sealed class WavWriterTests : IDisposable
{
    private const int SampleRate = 48_000;
    private const int OddFrameCount = 1001; // odd, so 24-bit mono needs RIFF's pad byte
    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<SampleFormat, int> EveryFormatAndWidth()
    {
        var data = new TheoryData<SampleFormat, int>();
        foreach (SampleFormat format in Enum.GetValues<SampleFormat>())
            foreach (int channels in new[] { 1, 2, 10 })
                data.Add(format, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFormatAndWidth))]
    public void Samples_written_as_planar_float_read_back_through_libsndfile(SampleFormat format, int channels)
    {
        string path = _temp.File("roundtrip.wav");
        float[][] written = TestSignals.Planar(channels, OddFrameCount);

        WavWriter.WritePlanarFloat(path, SampleRate, written, format);
        DecodedAudio read = AudioFile.Read(path);

        Assert.Equal(SampleRate, read.SampleRate);
        Assert.Equal(channels, read.ChannelCount);
        Assert.Equal(OddFrameCount, read.Frames);
        AssertWithinOneStep(written, read.Channels, format);
    }

    [Theory]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.S16)]
    public void Samples_outside_full_scale_are_clamped(SampleFormat format)
    {
        string path = _temp.File("clamped.wav");

        WavWriter.WritePlanarFloat(path, SampleRate, [[1.5f, -3f, 1.0001f, float.NaN]], format);

        AssertWithinOneStep([[1f, -1f, 1f, 0f]], AudioFile.Read(path).Channels, format);
    }

    [Fact]
    public void Frames_streamed_in_several_writes_are_appended_in_order()
    {
        string path = _temp.File("streamed.wav");
        var format = new PcmFormat(SampleRate, 2, SampleFormat.S16);
        byte[] first = TestSignals.Bytes(100 * format.BytesPerFrame, seed: 1);
        byte[] second = TestSignals.Bytes(3 * format.BytesPerFrame, seed: 2);

        using (var writer = new WavWriter(path, format))
        {
            writer.Write(first);
            writer.Write(ReadOnlySpan<byte>.Empty);
            writer.Write(second);
            Assert.Equal(103, writer.FramesWritten);
        }

        Assert.Equal([.. first, .. second], RiffChunks.Read(path).Body("data").ToArray());
        Assert.Equal(103, AudioFile.Probe(path).Frames);
    }

    [Fact]
    public void A_buffer_of_partial_frames_is_refused()
    {
        using var writer = new WavWriter(_temp.File("partial.wav"), new PcmFormat(SampleRate, 2, SampleFormat.S24_3LE));

        Assert.Throws<ArgumentException>(() => writer.Write(new byte[7]));
    }

    [Fact]
    public void Writing_after_dispose_is_refused()
    {
        var writer = new WavWriter(_temp.File("closed.wav"), new PcmFormat(SampleRate, 1, SampleFormat.S16));
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Write(new byte[2]));
    }

    [Theory]
    [InlineData(SampleFormat.S16, 1, 0x0001)]
    [InlineData(SampleFormat.S16, 2, 0x0001)]
    [InlineData(SampleFormat.Float32, 2, 0x0003)]
    [InlineData(SampleFormat.S24_3LE, 2, 0xFFFE)]
    [InlineData(SampleFormat.S32, 1, 0xFFFE)]
    [InlineData(SampleFormat.S16, 10, 0xFFFE)]
    [InlineData(SampleFormat.Float32, 10, 0xFFFE)]
    public void Header_fields_describe_the_format(SampleFormat sample, int channels, int expectedTag)
    {
        string path = _temp.File("header.wav");
        var format = new PcmFormat(44_100, channels, sample);
        int bits = format.BytesPerSample * 8;
        bool isFloat = sample == SampleFormat.Float32;

        WavWriter.WritePlanarFloat(path, format.SampleRate, TestSignals.Planar(channels, OddFrameCount), sample);
        var riff = RiffChunks.Read(path);

        Assert.Equal((uint)(riff.File.Length - 8), riff.RiffSize);
        Assert.Equal(0, riff.File.Length % 2);
        Assert.Equal(OddFrameCount * format.BytesPerFrame, riff.Size("data"));
        Assert.Equal(expectedTag, riff.U16("fmt ", 0));
        Assert.Equal(channels, riff.U16("fmt ", 2));
        Assert.Equal((uint)format.SampleRate, riff.U32("fmt ", 4));
        Assert.Equal((uint)(format.SampleRate * format.BytesPerFrame), riff.U32("fmt ", 8));
        Assert.Equal(format.BytesPerFrame, riff.U16("fmt ", 12));
        Assert.Equal(bits, riff.U16("fmt ", 14));
        Assert.Equal(isFloat, riff.Ids.Contains("fact"));
        if (isFloat) Assert.Equal((uint)OddFrameCount, riff.U32("fact", 0));
        if (expectedTag == 0xFFFE)
        {
            Assert.Equal(40, riff.Size("fmt "));
            Assert.Equal(22, riff.U16("fmt ", 16));
            Assert.Equal(bits, riff.U16("fmt ", 18));
            Assert.Equal(isFloat ? FloatSubFormat : PcmSubFormat, new Guid(riff.Body("fmt ")[24..40]));
        }
        else
        {
            Assert.Equal(isFloat ? 18 : 16, riff.Size("fmt "));
        }
    }

    /// <summary>Float32 must come back bit-exact; integer formats within one step of their resolution.</summary>
    private static void AssertWithinOneStep(float[][] expected, float[][] actual, SampleFormat format)
    {
        double step = format switch
        {
            SampleFormat.Float32 => 0,
            SampleFormat.S32 => 1.0 / (1L << 31),
            SampleFormat.S24_3LE => 1.0 / (1 << 23),
            _ => 1.0 / (1 << 15),
        };
        for (int channel = 0; channel < expected.Length; channel++)
            for (int frame = 0; frame < expected[channel].Length; frame++)
            {
                double difference = Math.Abs((double)expected[channel][frame] - actual[channel][frame]);
                Assert.True(difference <= step,
                    $"channel {channel} frame {frame}: wrote {expected[channel][frame]}, read {actual[channel][frame]} ({format})");
            }
    }
}
