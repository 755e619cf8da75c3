using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>A playback PCM ALSA knows, with what its hardware takes when that could be asked.</summary>
public sealed record AlsaDevice(string Name, string Description, (int Min, int Max)? Channels, (int Min, int Max)? Rates, string? Problem);

/// <summary>Lists ALSA's playback PCMs from its device name hints, asking each hw: device what it takes.</summary>
public static class AlsaDevices
{
    public static IReadOnlyList<AlsaDevice> List()
    {
        if (LibAsound.DeviceNameHint(-1, "pcm", out nint hints) < 0) return [];
        var devices = new List<AlsaDevice>();
        try
        {
            for (nint slot = hints; System.Runtime.InteropServices.Marshal.ReadIntPtr(slot) is var hint && hint != 0; slot += nint.Size)
            {
                string? name = LibAsound.TakeString(LibAsound.DeviceNameGetHint(hint, "NAME"));
                string? direction = LibAsound.TakeString(LibAsound.DeviceNameGetHint(hint, "IOID"));
                if (name is null || direction == "Input") continue;
                string description = (LibAsound.TakeString(LibAsound.DeviceNameGetHint(hint, "DESC")) ?? "").Replace('\n', ' ');
                devices.Add(name.StartsWith("hw:", StringComparison.Ordinal) ? Probe(name, description) : new AlsaDevice(name, description, null, null, null));
            }
        }
        finally
        {
            LibAsound.DeviceNameFreeHint(hints);
        }
        return devices;
    }

    /// <summary>Opens the device without blocking and reads its channel and rate ranges.</summary>
    public static AlsaDevice Probe(string name, string description = "")
    {
        int opened = LibAsound.Open(out nint pcm, name, LibAsound.StreamPlayback, LibAsound.ModeNonBlocking);
        if (opened < 0) return new AlsaDevice(name, description, null, null, LibAsound.ErrorText(opened));
        try
        {
            using var hardware = new HardwareParameters(name, pcm);
            return new AlsaDevice(name, description, hardware.ChannelCounts(), hardware.RateRange(), null);
        }
        catch (AlsaException e)
        {
            return new AlsaDevice(name, description, null, null, e.Message);
        }
        finally
        {
            LibAsound.Close(pcm);
        }
    }
}
