using StageBox.Hal;
using StageBox.Media.AudioFiles;
using StageBox.Media.Resampling;
using StageBox.Media.Wav;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Media;

public sealed class ResamplerTests : IDisposable
{
    private const double Amplitude = 0.5;
    private const double Frequency = 1000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_sine_keeps_its_frequency_amplitude_and_phase_from_44100_to_48000()
    {
        float[] sine = TestSignals.Sine(Frequency, Amplitude, 44_100, 44_100);

        float[] resampled = Resampler.Resample([sine], 44_100, 48_000).Single();

        Assert.Equal(48_000, resampled.Length);
        // Away from the edges, where the filter sees the signal start and stop.
        ReadOnlySpan<float> middle = resampled.AsSpan(4_800, 38_400);
        Assert.InRange(ZeroCrossings(middle), 1598, 1602); // 2 per cycle, 800 cycles
        Assert.InRange(Rms(middle), Amplitude / Math.Sqrt(2) * 0.995, Amplitude / Math.Sqrt(2) * 1.005);
        float[] ideal = TestSignals.Sine(Frequency, Amplitude, 48_000, 48_000);
        for (int frame = 4_800; frame < 43_200; frame++)
            Assert.True(Math.Abs(resampled[frame] - ideal[frame]) < 1e-3, $"frame {frame} is off the ideal sine: no delay is expected");
    }

    [Fact]
    public void Channels_stay_apart()
    {
        float[] sine = TestSignals.Sine(Frequency, Amplitude, 44_100, 4_410);
        float[] silence = new float[4_410];

        float[][] resampled = Resampler.Resample([silence, sine], 44_100, 48_000);

        Assert.Equal(2, resampled.Length);
        Assert.All(resampled[0], sample => Assert.Equal(0f, sample, 1e-6f));
        Assert.InRange(Rms(resampled[1].AsSpan(480, 3_840)), Amplitude / Math.Sqrt(2) * 0.99, Amplitude / Math.Sqrt(2) * 1.01);
    }

    [Theory]
    [InlineData(1001, 96_000, 48_000, 501)] // 500.5 rounds up
    [InlineData(7, 44_100, 48_000, 8)] // 7.62
    [InlineData(100_000, 48_000, 44_100, 91_875)]
    public void The_output_length_is_the_input_length_scaled_and_rounded(int inputFrames, int fromRate, int toRate, int expectedFrames)
    {
        float[][] resampled = Resampler.Resample([new float[inputFrames], new float[inputFrames]], fromRate, toRate);

        Assert.All(resampled, channel => Assert.Equal(expectedFrames, channel.Length));
    }

    [Fact]
    public void The_same_rate_returns_equal_copies()
    {
        float[] samples = [0.1f, -0.2f, 0.3f];

        float[] result = Resampler.Resample([samples], 48_000, 48_000).Single();

        Assert.Equal(samples, result);
        Assert.NotSame(samples, result);
    }

    [Fact]
    public void Channels_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Resampler.Resample([new float[3], new float[4]], 44_100, 48_000));
    }

    [Fact]
    public void ReadAtRate_leaves_a_file_already_at_the_rate_untouched()
    {
        string path = _temp.File("native.wav");
        float[][] written = TestSignals.Planar(2, 2_000);
        WavWriter.WritePlanarFloat(path, 48_000, written, SampleFormat.Float32);

        DecodedAudio read = AudioFile.ReadAtRate(path, 48_000);

        Assert.Equal(48_000, read.SampleRate);
        Assert.Equal(written, read.Channels);
    }

    [Fact]
    public void ReadAtRate_resamples_a_file_at_another_rate()
    {
        string path = _temp.File("cd.wav");
        WavWriter.WritePlanarFloat(path, 44_100, [TestSignals.Sine(Frequency, Amplitude, 44_100, 22_050)], SampleFormat.S24_3LE);

        DecodedAudio read = AudioFile.ReadAtRate(path, 48_000);

        Assert.Equal(48_000, read.SampleRate);
        Assert.Equal(24_000, read.Frames);
        Assert.InRange(ZeroCrossings(read.Channels[0].AsSpan(2_400, 19_200)), 798, 802);
    }

    private static int ZeroCrossings(ReadOnlySpan<float> samples)
    {
        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
            if ((samples[i - 1] < 0) != (samples[i] < 0)) crossings++;
        return crossings;
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float sample in samples) sum += (double)sample * sample;
        return Math.Sqrt(sum / samples.Length);
    }
}
