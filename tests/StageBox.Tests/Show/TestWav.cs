using StageBox.Hal;
using StageBox.Media.Wav;

namespace StageBox.Tests.Show;

/// <summary>Writes small WAV files (a quiet 440 Hz tone), so tests have real audio for libsndfile to probe.</summary>
internal static class TestWav
{
    public const int SampleRate = 48_000;

    public const int DefaultFrames = 4_800;

    public static void Write(string path, int channels, int frames = DefaultFrames, int sampleRate = SampleRate)
    {
        float[] tone = Enumerable.Range(0, frames).Select(f => 0.03f * MathF.Sin(2 * MathF.PI * 440 * f / sampleRate)).ToArray();
        WavWriter.WritePlanarFloat(path, sampleRate, Enumerable.Repeat(tone, channels).ToArray(), SampleFormat.S16);
    }
}
