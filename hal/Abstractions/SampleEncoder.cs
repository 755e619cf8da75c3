using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StageBox.Hal;

/// <summary>
/// Converts float samples to the bytes of a <see cref="SampleFormat"/>: the one conversion
/// every path uses (the audio thread, WAV files, offline renders), so they agree to the bit.
/// Samples are clipped to [-1, 1]; integer formats scale by 2^(bits-1) and round to nearest
/// (even on ties), saturating +1.0 at the top step: the convention libsndfile and ALSA read
/// back, so a round trip stays within one step. NaN becomes silence, never a full-scale spike.
/// Vectorised and allocation-free.
/// </summary>
public static class SampleEncoder
{
    /// <summary>Encodes each sample of <paramref name="samples"/> into <paramref name="destination"/>.</summary>
    public static void Encode(ReadOnlySpan<float> samples, SampleFormat format, Span<byte> destination)
    {
        int bytesPerSample = new PcmFormat(1, 1, format).BytesPerSample;
        if (destination.Length < samples.Length * bytesPerSample)
            throw new ArgumentException($"{samples.Length} {format} samples need {samples.Length * bytesPerSample} bytes; the destination has {destination.Length}", nameof(destination));
        bool vectorsFit = Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian;
        int vectorised = vectorsFit ? samples.Length - samples.Length % Vector<float>.Count : 0;
        ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(samples[..vectorised]);
        Span<int> lanes = stackalloc int[Vector<int>.Count];
        for (int v = 0; v < vectors.Length; v++)
            EncodeVector(Clip(vectors[v]), format, destination[(v * Vector<float>.Count * bytesPerSample)..], lanes);
        for (int i = vectorised; i < samples.Length; i++)
            EncodeScalar(Clip(samples[i]), format, destination[(i * bytesPerSample)..]);
    }

    private static Vector<float> Clip(Vector<float> v) =>
        Vector.ConditionalSelect(Vector.Equals(v, v), Vector.Min(Vector.Max(v, new Vector<float>(-1f)), Vector<float>.One), Vector<float>.Zero);

    private static float Clip(float sample) => float.IsNaN(sample) ? 0f : Math.Clamp(sample, -1f, 1f);

    /// <summary>
    /// Encodes one vector of samples. Stores whole vectors where the format allows: the host
    /// is little-endian, as the format is (checked in <see cref="Encode"/>).
    /// </summary>
    private static void EncodeVector(Vector<float> clipped, SampleFormat format, Span<byte> destination, Span<int> lanes)
    {
        switch (format)
        {
            case SampleFormat.Float32:
                Vector.AsVectorByte(clipped).CopyTo(destination);
                break;
            case SampleFormat.S32:
                // 2^31 does not fit a float-to-int conversion, so 32-bit goes through doubles.
                Vector.Widen(clipped, out Vector<double> low, out Vector<double> high);
                Vector.AsVectorByte(Vector.Narrow(ToInt64(low), ToInt64(high))).CopyTo(destination);
                break;
            case SampleFormat.S24_3LE:
                ToInt32(clipped, 1 << 23).CopyTo(lanes);
                PackS24(lanes, destination);
                break;
            case SampleFormat.S16:
                ToInt32(clipped, 1 << 15).CopyTo(lanes);
                ref byte s16 = ref MemoryMarshal.GetReference(destination[..(lanes.Length * 2)]);
                for (int lane = 0; lane < lanes.Length; lane++) Unsafe.WriteUnaligned(ref Unsafe.Add(ref s16, lane * 2), (short)lanes[lane]);
                break;
        }
    }

    private static void EncodeScalar(float clipped, SampleFormat format, Span<byte> destination)
    {
        switch (format)
        {
            case SampleFormat.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(destination, clipped);
                break;
            case SampleFormat.S32:
                BinaryPrimitives.WriteInt32LittleEndian(destination, (int)Math.Min(Math.Round(clipped * 2147483648.0), int.MaxValue));
                break;
            case SampleFormat.S24_3LE:
                WriteS24(destination, (int)MathF.Min(MathF.Round(clipped * (1 << 23)), (1 << 23) - 1));
                break;
            case SampleFormat.S16:
                BinaryPrimitives.WriteInt16LittleEndian(destination, (short)MathF.Min(MathF.Round(clipped * (1 << 15)), short.MaxValue));
                break;
        }
    }

    /// <summary>Drops the top byte of each 32-bit sample: 4 samples (16 bytes) to 12.</summary>
    private static readonly Vector128<byte> S24Packing = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);

    /// <summary>
    /// Packs samples to 3 bytes each, 4 at a time with one byte shuffle and a 16-byte store
    /// whose last 4 bytes the next store overwrites; where that spare room would fall past the
    /// end of the destination, sample by sample.
    /// </summary>
    private static void PackS24(ReadOnlySpan<int> samples, Span<byte> destination)
    {
        int packed = 0;
        for (; packed + 4 <= samples.Length && packed * 3 + 16 <= destination.Length; packed += 4)
            Vector128.Shuffle(Vector128.Create(samples.Slice(packed, 4)).AsByte(), S24Packing).CopyTo(destination[(packed * 3)..]);
        for (; packed < samples.Length; packed++) WriteS24(destination[(packed * 3)..], samples[packed]);
    }

    /// <summary>Scales, rounds and saturates in floats: exact for up to 24 bits.</summary>
    private static Vector<int> ToInt32(Vector<float> clipped, int fullScale) =>
        Vector.ConvertToInt32(Vector.Min(Vector.Round(clipped * fullScale), new Vector<float>(fullScale - 1)));

    private static Vector<long> ToInt64(Vector<double> clipped) =>
        Vector.ConvertToInt64(Vector.Min(Vector.Round(clipped * 2147483648.0), new Vector<double>(int.MaxValue)));

    private static void WriteS24(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
