using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>An ALSA call that failed: which device, what was being done, and ALSA's own words.</summary>
public sealed class AlsaException(string device, string action, int error)
    : UserFacingException($"ALSA device '{device}': {action} failed: {LibAsound.ErrorText(error)} ({error})")
{
    public int Error { get; } = error;
}
