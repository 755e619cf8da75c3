using System.Runtime.InteropServices;

namespace StageBox.Media.Native;

/// <summary>
/// libsoxr (Debian's libsoxr0), the SoX resampler. Layouts follow soxr.h; "unsigned long" is
/// <see cref="CULong"/> and pointers are <see cref="nint"/>, so the structs match on every
/// Linux ABI. soxr_io_spec and soxr_quality_spec return their structs by value.
/// </summary>
internal static unsafe partial class Soxr
{
    private const string Library = "libsoxr.so.0";

    public const int Float32Interleaved = 0; // SOXR_FLOAT32_I
    public const uint HighQuality = 4; // SOXR_HQ = SOXR_20_BITQ

    [StructLayout(LayoutKind.Sequential)]
    public struct IoSpec
    {
        public int InputType;
        public int OutputType;
        public double Scale;
        public nint Reserved;
        public CULong Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public nint Reserved;
        public CULong Flags;
    }

    [LibraryImport(Library, EntryPoint = "soxr_io_spec")]
    public static partial IoSpec CreateIoSpec(int inputType, int outputType);

    [LibraryImport(Library, EntryPoint = "soxr_quality_spec")]
    public static partial QualitySpec CreateQualitySpec(CULong recipe, CULong flags);

    /// <returns>0 on success, else a static C string describing the error.</returns>
    [LibraryImport(Library, EntryPoint = "soxr_oneshot")]
    public static partial nint OneShot(
        double inputRate, double outputRate, uint channels,
        void* input, nuint inputFrames, nuint* inputFramesUsed,
        void* output, nuint outputFrames, nuint* outputFramesDone,
        IoSpec* ioSpec, QualitySpec* qualitySpec, void* runtimeSpec);

    /// <returns>A resampler, or 0 with <paramref name="error"/> set to a static C string.</returns>
    [LibraryImport(Library, EntryPoint = "soxr_create")]
    public static partial nint Create(
        double inputRate, double outputRate, uint channels, nint* error,
        IoSpec* ioSpec, QualitySpec* qualitySpec, void* runtimeSpec);

    /// <summary>Null input with 0 frames means the input has ended: soxr then flushes what it holds.</summary>
    [LibraryImport(Library, EntryPoint = "soxr_process")]
    public static partial nint Process(
        nint resampler, void* input, nuint inputFrames, nuint* inputFramesUsed,
        void* output, nuint outputFrames, nuint* outputFramesDone);

    [LibraryImport(Library, EntryPoint = "soxr_delete")]
    public static partial void Delete(nint resampler);
}
