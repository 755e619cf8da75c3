namespace StageBox.Tests.Hal;

/// <summary>Deterministic test material: the same seed always gives the same samples and bytes.</summary>
public static class TestSignals
{
    /// <summary>
    /// One array per channel: the edge values ±1, 0 and a value below one 24-bit step first,
    /// then seeded noise in [-1, 1), different on every channel.
    /// </summary>
    public static float[][] Planar(int channels, int frames, int seed = 1)
    {
        float[] edges = [1f, -1f, 0f, 1e-8f, -0.5f];
        var random = new Random(seed);
        var planar = new float[channels][];
        for (int channel = 0; channel < channels; channel++)
        {
            planar[channel] = new float[frames];
            for (int frame = 0; frame < frames; frame++)
                planar[channel][frame] = frame < edges.Length ? edges[frame] : random.NextSingle() * 2 - 1;
        }
        return planar;
    }

    public static float[] Sine(double frequency, double amplitude, int sampleRate, int frames)
    {
        var samples = new float[frames];
        for (int frame = 0; frame < frames; frame++)
            samples[frame] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * frame / sampleRate));
        return samples;
    }

    public static byte[] Bytes(int count, int seed = 1)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
