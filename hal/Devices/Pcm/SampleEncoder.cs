using System.Buffers.Binary;

namespace StageBox.Hal.Pcm;

/// <summary>
/// Converts float samples to the bytes of a <see cref="SampleFormat"/>. Integer formats map
/// [-1, 1] onto the full signed range with a scale of 2^(bits-1), the convention libsndfile and
/// ALSA use when reading them back, so a round trip stays within one LSB. Allocation-free.
/// </summary>
public static class SampleEncoder
{
    /// <summary>
    /// Encodes each sample of <paramref name="samples"/>, clamped to [-1, 1], into <paramref name="destination"/>.
    /// NaN becomes silence rather than a full-scale spike on the PA.
    /// </summary>
    public static void Encode(ReadOnlySpan<float> samples, SampleFormat format, Span<byte> destination)
    {
        int bytesPerSample = new PcmFormat(1, 1, format).BytesPerSample;
        if (destination.Length < samples.Length * bytesPerSample)
            throw new ArgumentException($"{samples.Length} {format} samples need {samples.Length * bytesPerSample} bytes; the destination has {destination.Length}", nameof(destination));
        for (int i = 0; i < samples.Length; i++)
        {
            float sample = float.IsNaN(samples[i]) ? 0f : Math.Clamp(samples[i], -1f, 1f);
            Span<byte> bytes = destination.Slice(i * bytesPerSample, bytesPerSample);
            switch (format)
            {
                case SampleFormat.Float32:
                    BinaryPrimitives.WriteSingleLittleEndian(bytes, sample);
                    break;
                case SampleFormat.S32:
                    BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)ToInteger(sample, 32));
                    break;
                case SampleFormat.S24_3LE:
                    int value = (int)ToInteger(sample, 24);
                    bytes[0] = (byte)value;
                    bytes[1] = (byte)(value >> 8);
                    bytes[2] = (byte)(value >> 16);
                    break;
                case SampleFormat.S16:
                    BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)ToInteger(sample, 16));
                    break;
            }
        }
    }

    /// <summary>Scales by 2^(bits-1) and rounds; +1.0 lands one step past the top, so it saturates there.</summary>
    private static long ToInteger(float sample, int bits)
    {
        long fullScale = 1L << (bits - 1);
        return Math.Clamp((long)Math.Round(sample * (double)fullScale), -fullScale, fullScale - 1);
    }
}
