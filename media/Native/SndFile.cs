using System.Runtime.InteropServices;

namespace StageBox.Media.Native;

/// <summary>libsndfile (Debian's libsndfile1): decodes WAV, AIFF, FLAC, OGG and MP3.</summary>
internal static partial class SndFile
{
    private const string Library = "libsndfile.so.1";
    public const int ModeRead = 0x10; // SFM_READ

    [StructLayout(LayoutKind.Sequential)]
    public struct Info
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    [LibraryImport(Library, EntryPoint = "sf_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(string path, int mode, ref Info info);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    public static unsafe partial long ReadFramesFloat(nint file, float* interleaved, long frames);

    [LibraryImport(Library, EntryPoint = "sf_close")]
    public static partial int Close(nint file);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    public static partial nint ErrorText(nint file);

    public static string LastError(nint file) => Marshal.PtrToStringUTF8(ErrorText(file)) ?? "unknown libsndfile error";
}
