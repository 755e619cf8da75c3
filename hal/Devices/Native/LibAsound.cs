using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// The libasound.so.2 calls the ALSA output makes. snd_pcm_uframes_t and snd_pcm_sframes_t are
/// C longs: 64 bits on the 64-bit Linux targets (arm64, x86-64) this firmware runs on.
/// </summary>
internal static unsafe partial class LibAsound
{
    private const string Library = "libasound.so.2";

    public const int StreamPlayback = 0;   // SND_PCM_STREAM_PLAYBACK
    public const int ModeNonBlocking = 1;  // SND_PCM_NONBLOCK
    public const int AccessReadWriteInterleaved = 3; // SND_PCM_ACCESS_RW_INTERLEAVED

    // snd_pcm_format_t values.
    public const int FormatS16LittleEndian = 2;
    public const int FormatS32LittleEndian = 10;
    public const int FormatFloatLittleEndian = 14;
    public const int FormatS24Packed3LittleEndian = 32;

    public const int BrokenPipe = 32;          // EPIPE: an underrun
    public const int StreamSuspended = 86;     // ESTRPIPE: a system suspend

    [LibraryImport(Library, EntryPoint = "snd_pcm_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(out nint pcm, string name, int stream, int mode);

    [LibraryImport(Library, EntryPoint = "snd_pcm_close")]
    public static partial int Close(nint pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_malloc")]
    public static partial int HwParamsAllocate(out nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_free")]
    public static partial void HwParamsFree(nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_any")]
    public static partial int HwParamsAny(nint pcm, nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_access")]
    public static partial int HwParamsSetAccess(nint pcm, nint parameters, int access);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_test_format")]
    public static partial int HwParamsTestFormat(nint pcm, nint parameters, int format);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_format")]
    public static partial int HwParamsSetFormat(nint pcm, nint parameters, int format);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_channels")]
    public static partial int HwParamsSetChannels(nint pcm, nint parameters, uint channels);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_rate_resample")]
    public static partial int HwParamsSetRateResample(nint pcm, nint parameters, uint allow);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_rate_near")]
    public static partial int HwParamsSetRateNear(nint pcm, nint parameters, uint* rate, int* direction);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_period_size_near")]
    public static partial int HwParamsSetPeriodSizeNear(nint pcm, nint parameters, ulong* frames, int* direction);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_buffer_size_near")]
    public static partial int HwParamsSetBufferSizeNear(nint pcm, nint parameters, ulong* frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params")]
    public static partial int HwParamsApply(nint pcm, nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_period_size")]
    public static partial int HwParamsGetPeriodSize(nint parameters, ulong* frames, int* direction);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_buffer_size")]
    public static partial int HwParamsGetBufferSize(nint parameters, ulong* frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_channels_min")]
    public static partial int HwParamsGetChannelsMin(nint parameters, uint* channels);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_channels_max")]
    public static partial int HwParamsGetChannelsMax(nint parameters, uint* channels);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_rate_min")]
    public static partial int HwParamsGetRateMin(nint parameters, uint* rate, int* direction);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_rate_max")]
    public static partial int HwParamsGetRateMax(nint parameters, uint* rate, int* direction);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_malloc")]
    public static partial int SwParamsAllocate(out nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_free")]
    public static partial void SwParamsFree(nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_current")]
    public static partial int SwParamsCurrent(nint pcm, nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_set_start_threshold")]
    public static partial int SwParamsSetStartThreshold(nint pcm, nint parameters, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_set_avail_min")]
    public static partial int SwParamsSetAvailMin(nint pcm, nint parameters, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_get_boundary")]
    public static partial int SwParamsGetBoundary(nint parameters, ulong* frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_set_silence_threshold")]
    public static partial int SwParamsSetSilenceThreshold(nint pcm, nint parameters, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params_set_silence_size")]
    public static partial int SwParamsSetSilenceSize(nint pcm, nint parameters, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_sw_params")]
    public static partial int SwParamsApply(nint pcm, nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_writei")]
    public static partial long WriteInterleaved(nint pcm, byte* buffer, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_recover")]
    public static partial int Recover(nint pcm, int error, int silent);

    [LibraryImport(Library, EntryPoint = "snd_pcm_rewindable")]
    public static partial long Rewindable(nint pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_rewind")]
    public static partial long Rewind(nint pcm, ulong frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_delay")]
    public static partial int Delay(nint pcm, long* frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_drain")]
    public static partial int Drain(nint pcm);

    [LibraryImport(Library, EntryPoint = "snd_device_name_hint", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DeviceNameHint(int card, string iface, out nint hints);

    [LibraryImport(Library, EntryPoint = "snd_device_name_get_hint", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DeviceNameGetHint(nint hint, string id);

    [LibraryImport(Library, EntryPoint = "snd_device_name_free_hint")]
    public static partial int DeviceNameFreeHint(nint hints);

    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    private static partial nint ErrorTextPointer(int error);

    public static string ErrorText(int error) => Marshal.PtrToStringUTF8(ErrorTextPointer(error)) ?? $"error {error}";

    /// <summary>Takes a string libasound allocated with malloc, and frees it.</summary>
    public static string? TakeString(nint text)
    {
        if (text == 0) return null;
        string value = Marshal.PtrToStringUTF8(text)!;
        NativeMemory.Free((void*)text);
        return value;
    }
}
