namespace StageBox.Tests.Show;

/// <summary>Writes small 16-bit PCM WAV files, so tests have real audio for libsndfile to probe.</summary>
internal static class TestWav
{
    public const int SampleRate = 48_000;

    public static void Write(string path, int channels, int frames = 4_800)
    {
        const int bytesPerSample = 2;
        int blockAlign = channels * bytesPerSample;
        int dataBytes = frames * blockAlign;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);               // fmt chunk size
        writer.Write((short)1);         // PCM
        writer.Write((short)channels);
        writer.Write(SampleRate);
        writer.Write(SampleRate * blockAlign);
        writer.Write((short)blockAlign);
        writer.Write((short)(bytesPerSample * 8));
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (int frame = 0; frame < frames; frame++)
            for (int channel = 0; channel < channels; channel++)
                writer.Write((short)(1000 * Math.Sin(2 * Math.PI * 440 * frame / SampleRate)));
    }
}
