using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using StageBox.Hal;

namespace StageBox.Engine.Mixing;

/// <summary>
/// Converts the planar float mix into the device's interleaved format. Samples beyond full
/// scale are clipped to it (never wrapped), and integer formats are rounded to nearest.
/// </summary>
public sealed class PcmEncoder
{
    private readonly PcmFormat _format;
    private readonly float[] _scaled;
    private readonly int[] _integers;

    public PcmEncoder(PcmFormat format, int maxFrames)
    {
        _format = format;
        _scaled = new float[maxFrames];
        _integers = new int[maxFrames];
    }

    public PcmFormat Format => _format;

    /// <summary>Encodes <paramref name="frames"/> frames of <paramref name="bus"/> into <paramref name="destination"/>.</summary>
    public void Encode(MixBus bus, int frames, Span<byte> destination)
    {
        int channels = _format.Channels;
        int bytesPerSample = _format.BytesPerSample;
        int stride = _format.BytesPerFrame;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> source = bus.Channel(c)[..frames];
            Span<byte> first = destination[(c * bytesPerSample)..];
            switch (_format.Sample)
            {
                case SampleFormat.Float32:
                    Span<float> clipped = _scaled.AsSpan(0, frames);
                    ClipAndScale(source, clipped, 1f);
                    for (int f = 0; f < frames; f++) BinaryPrimitives.WriteSingleLittleEndian(first[(f * stride)..], clipped[f]);
                    break;
                case SampleFormat.S16:
                    Quantize(source, frames, 32767f);
                    for (int f = 0; f < frames; f++) BinaryPrimitives.WriteInt16LittleEndian(first[(f * stride)..], (short)_integers[f]);
                    break;
                case SampleFormat.S24_3LE:
                    Quantize(source, frames, 8388607f);
                    for (int f = 0; f < frames; f++)
                    {
                        int v = _integers[f];
                        Span<byte> sample = first.Slice(f * stride, 3);
                        sample[0] = (byte)v;
                        sample[1] = (byte)(v >> 8);
                        sample[2] = (byte)(v >> 16);
                    }
                    break;
                case SampleFormat.S32:
                    // 2147483520 is the largest float below 2^31: full scale without overflowing int.
                    Quantize(source, frames, 2147483520f);
                    for (int f = 0; f < frames; f++) BinaryPrimitives.WriteInt32LittleEndian(first[(f * stride)..], _integers[f]);
                    break;
            }
        }
    }

    private void Quantize(ReadOnlySpan<float> source, int frames, float fullScale)
    {
        Span<float> scaled = _scaled.AsSpan(0, frames);
        ClipAndScale(source, scaled, fullScale);
        Span<int> integers = _integers.AsSpan(0, frames);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<float>> src = MemoryMarshal.Cast<float, Vector<float>>(scaled);
            Span<Vector<int>> dst = MemoryMarshal.Cast<int, Vector<int>>(integers);
            for (int v = 0; v < src.Length; v++) dst[v] = Vector.ConvertToInt32(Vector.Round(src[v]));
            i = src.Length * Vector<float>.Count;
        }
        for (; i < frames; i++) integers[i] = (int)MathF.Round(scaled[i]);
    }

    /// <summary>destination = clamp(source, -1, 1) x fullScale.</summary>
    private static void ClipAndScale(ReadOnlySpan<float> source, Span<float> destination, float fullScale)
    {
        int n = source.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lo = new Vector<float>(-1f);
            var hi = new Vector<float>(1f);
            var scale = new Vector<float>(fullScale);
            ReadOnlySpan<Vector<float>> src = MemoryMarshal.Cast<float, Vector<float>>(source);
            Span<Vector<float>> dst = MemoryMarshal.Cast<float, Vector<float>>(destination);
            for (int v = 0; v < src.Length; v++) dst[v] = Vector.Min(Vector.Max(src[v], lo), hi) * scale;
            i = src.Length * Vector<float>.Count;
        }
        for (; i < n; i++) destination[i] = Math.Clamp(source[i], -1f, 1f) * fullScale;
    }
}
