using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// Binds the native functions the audio thread may call, before it runs. The runtime binds a
/// P/Invoke at its first call and allocates as it does (40-56 bytes each, measured), and the
/// audio thread makes some calls only on rare paths long after its warm-up: snd_pcm_recover at
/// the first xrun, snd_pcm_close when the device goes, clock_nanosleep while it is away,
/// snd_pcm_rewind at a takeover. There it must allocate nothing.
/// </summary>
public static class NativeBindings
{
    public static void BindAudioThreadCalls()
    {
        Marshal.PrelinkAll(typeof(Libc));
        try
        {
            Marshal.PrelinkAll(typeof(LibAsound));
        }
        catch (DllNotFoundException)
        {
            // No libasound: no ALSA device either, so the audio thread never calls it (the simulated box).
        }
    }
}
