using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>An snd_pcm_hw_params_t filled with everything a PCM supports, narrowed by the calls made on it.</summary>
internal sealed unsafe class HardwareParameters : IDisposable
{
    private static readonly Dictionary<SampleFormat, int> AlsaFormats = new()
    {
        [SampleFormat.Float32] = LibAsound.FormatFloatLittleEndian,
        [SampleFormat.S32] = LibAsound.FormatS32LittleEndian,
        [SampleFormat.S24_3LE] = LibAsound.FormatS24Packed3LittleEndian,
        [SampleFormat.S16] = LibAsound.FormatS16LittleEndian,
    };

    private readonly string _device;
    private readonly nint _pcm;

    public HardwareParameters(string device, nint pcm)
    {
        _device = device;
        _pcm = pcm;
        PcmOpener.Check(device, "allocate hardware parameters", LibAsound.HwParamsAllocate(out nint handle));
        Handle = handle;
        Require("read the hardware's capabilities", LibAsound.HwParamsAny(pcm, handle));
    }

    public nint Handle { get; }

    public void Require(string action, int result) => PcmOpener.Check(_device, action, result);

    /// <summary>Sets the first of <paramref name="wanted"/> the device takes.</summary>
    public SampleFormat ChooseFormat(IReadOnlyList<SampleFormat> wanted)
    {
        foreach (SampleFormat format in wanted)
            if (LibAsound.HwParamsTestFormat(_pcm, Handle, AlsaFormats[format]) == 0)
            {
                Require($"set format {format}", LibAsound.HwParamsSetFormat(_pcm, Handle, AlsaFormats[format]));
                return format;
            }
        throw new AlsaException(_device, $"find a sample format it takes among {string.Join(", ", wanted)}", -22);
    }

    /// <summary>The channel counts the device takes, in words, for an error message.</summary>
    public string ChannelRange()
    {
        try
        {
            (int min, int max) = ChannelCounts();
            return $"the device takes {min} to {max}";
        }
        catch (AlsaException)
        {
            return "its channel range is unknown";
        }
    }

    public (int Min, int Max) RateRange()
    {
        uint min, max;
        Require("read the rate range", LibAsound.HwParamsGetRateMin(Handle, &min, null));
        Require("read the rate range", LibAsound.HwParamsGetRateMax(Handle, &max, null));
        return ((int)min, (int)max);
    }

    public (int Min, int Max) ChannelCounts()
    {
        uint min, max;
        Require("read the channel range", LibAsound.HwParamsGetChannelsMin(Handle, &min));
        Require("read the channel range", LibAsound.HwParamsGetChannelsMax(Handle, &max));
        return ((int)min, (int)max);
    }

    public void Dispose() => LibAsound.HwParamsFree(Handle);
}
