using System.Numerics;
using System.Runtime.InteropServices;

namespace StageBox.Engine.Mixing;

/// <summary>Vectorised sample loops the mixer is made of. None of them allocates.</summary>
public static class SampleOps
{
    /// <summary>destination += source x gain.</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float gain)
    {
        int n = source.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var g = new Vector<float>(gain);
            Span<Vector<float>> dst = MemoryMarshal.Cast<float, Vector<float>>(destination[..n]);
            ReadOnlySpan<Vector<float>> src = MemoryMarshal.Cast<float, Vector<float>>(source);
            for (int v = 0; v < src.Length; v++) dst[v] += src[v] * g;
            i = src.Length * Vector<float>.Count;
        }
        for (; i < n; i++) destination[i] += source[i] * gain;
    }

    /// <summary>destination += source x a gain moving linearly from <paramref name="startGain"/> by <paramref name="step"/> per frame.</summary>
    public static void AddRamped(Span<float> destination, ReadOnlySpan<float> source, float startGain, float step)
    {
        for (int i = 0; i < source.Length; i++) destination[i] += source[i] * (startGain + step * i);
    }

    /// <summary>samples x= a gain moving linearly from <paramref name="startGain"/> by <paramref name="step"/> per frame.</summary>
    public static void ApplyRamp(Span<float> samples, float startGain, float step)
    {
        for (int i = 0; i < samples.Length; i++) samples[i] *= startGain + step * i;
    }
}
