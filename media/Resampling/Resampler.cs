using System.Runtime.InteropServices;
using StageBox.Media.Native;

namespace StageBox.Media.Resampling;

/// <summary>
/// Converts whole signals between sample rates with libsoxr at its high quality (20-bit,
/// linear phase). For import, where a stem is brought to the device rate once, never on the
/// audio thread.
/// </summary>
public static class Resampler
{
    /// <summary>
    /// Resamples one array per channel (equal lengths) from <paramref name="fromRate"/> to
    /// <paramref name="toRate"/>. The result holds round(frames × to / from) frames per channel
    /// and never shares arrays with the input.
    /// </summary>
    public static unsafe float[][] Resample(float[][] planar, int fromRate, int toRate)
    {
        ArgumentNullException.ThrowIfNull(planar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (planar.Length == 0)
            throw new ArgumentException("at least one channel is needed", nameof(planar));
        long inputFrames = planar[0].LongLength;
        if (planar.Any(channel => channel.LongLength != inputFrames))
            throw new ArgumentException("all channels must hold the same number of frames", nameof(planar));
        if (fromRate == toRate)
            return planar.Select(channel => (float[])channel.Clone()).ToArray();

        long outputFrames = (inputFrames * toRate + fromRate / 2) / fromRate;
        int channels = planar.Length;
        float[] input = Interleave(planar);
        var output = new float[outputFrames * channels];
        Soxr.IoSpec ioSpec = Soxr.CreateIoSpec(Soxr.Float32Interleaved, Soxr.Float32Interleaved);
        Soxr.QualitySpec qualitySpec = Soxr.CreateQualitySpec(new CULong(Soxr.HighQuality), new CULong(0));
        // Given all input in one call, soxr flushes and fills exactly the round(frames × ratio)
        // frames asked for, so the counts it reports back are not needed.
        nuint used, done;
        nint error;
        fixed (float* inputPointer = input)
        fixed (float* outputPointer = output)
        {
            error = Soxr.OneShot(
                fromRate, toRate, (uint)channels,
                inputPointer, (nuint)inputFrames, &used,
                outputPointer, (nuint)outputFrames, &done,
                &ioSpec, &qualitySpec, null);
        }
        if (error != 0)
            throw new InvalidOperationException($"libsoxr could not resample {fromRate} Hz to {toRate} Hz: {Marshal.PtrToStringUTF8(error)}");
        return Deinterleave(output, channels, outputFrames);
    }

    private static float[] Interleave(float[][] planar)
    {
        int channels = planar.Length;
        var interleaved = new float[planar[0].LongLength * channels];
        for (int channel = 0; channel < channels; channel++)
        {
            float[] samples = planar[channel];
            for (long frame = 0; frame < samples.LongLength; frame++)
                interleaved[frame * channels + channel] = samples[frame];
        }
        return interleaved;
    }

    private static float[][] Deinterleave(float[] interleaved, int channels, long frames)
    {
        var planar = new float[channels][];
        for (int channel = 0; channel < channels; channel++)
        {
            var samples = new float[frames];
            for (long frame = 0; frame < frames; frame++)
                samples[frame] = interleaved[frame * channels + channel];
            planar[channel] = samples;
        }
        return planar;
    }
}
