using System.Runtime.InteropServices;

namespace StageBox.Tests.Show.Import;

/// <summary>Writes FLAC files with libsndfile, for sticks that carry compressed stems, and Sun AU files, which the box refuses (the firmware itself only reads).</summary>
internal static unsafe partial class SndFileWriter
{
    private const int ModeWrite = 0x20; // SFM_WRITE
    private const int FlacPcm16 = 0x170000 | 0x0002; // SF_FORMAT_FLAC | SF_FORMAT_PCM_16
    private const int AuPcm16 = 0x030000 | 0x0002; // SF_FORMAT_AU | SF_FORMAT_PCM_16

    [StructLayout(LayoutKind.Sequential)]
    private struct Info
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    public static void WriteFlac(string path, int channels, int frames, int sampleRate = 48_000) => Write(path, FlacPcm16, channels, frames, sampleRate);

    public static void WriteAu(string path, int channels, int frames, int sampleRate = 48_000) => Write(path, AuPcm16, channels, frames, sampleRate);

    private static void Write(string path, int format, int channels, int frames, int sampleRate)
    {
        var info = new Info { SampleRate = sampleRate, Channels = channels, Format = format };
        nint file = Open(path, ModeWrite, ref info);
        if (file == 0) throw new InvalidOperationException($"libsndfile cannot write {path}");
        var samples = new float[frames * channels];
        for (int i = 0; i < samples.Length; i++) samples[i] = 0.3f * MathF.Sin(i * 0.01f) + 0.1f * MathF.Sin(i * 0.37f);
        fixed (float* data = samples) WriteFrames(file, data, frames);
        Close(file);
    }

    [LibraryImport("libsndfile.so.1", EntryPoint = "sf_open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Open(string path, int mode, ref Info info);

    [LibraryImport("libsndfile.so.1", EntryPoint = "sf_writef_float")]
    private static partial long WriteFrames(nint file, float* frames, long count);

    [LibraryImport("libsndfile.so.1", EntryPoint = "sf_close")]
    private static partial int Close(nint file);
}
