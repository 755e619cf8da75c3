using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// Binds the native functions the audio thread may call, before it runs. The runtime binds a
/// P/Invoke at its first call and allocates as it does (40-56 bytes each, measured), and the
/// audio thread makes some calls only on rare paths long after its warm-up: snd_pcm_recover at
/// the first xrun, snd_pcm_close when the device goes, clock_nanosleep while it is away,
/// snd_pcm_rewindable and snd_pcm_rewind at a takeover. There it must allocate nothing.
/// </summary>
public static class NativeBindings
{
    public static void BindAudioThreadCalls()
    {
        // Enough for a JIT build, whose P/Invoke stubs Prelink makes and binds.
        Marshal.PrelinkAll(typeof(Libc));
        SleepUntilLongPast();
        try
        {
            Marshal.PrelinkAll(typeof(LibAsound));
            CallRarePcmFunctionsOnce();
        }
        catch (DllNotFoundException)
        {
            // No libasound: no ALSA device either, so the audio thread never calls it (the simulated box).
        }
    }

    // A ReadyToRun build (the image's) has its P/Invoke stubs compiled ahead of time, and each binds
    // its native function at its own first call whatever Prelink did: in the image the first xrun's
    // snd_pcm_recover allocated 56 bytes on the audio thread (issue 23). So each rare-path function
    // is called once here, on this thread, in a way that changes nothing.

    /// <summary>clock_nanosleep to a deadline long past (0 s on the monotonic clock): it returns at once.</summary>
    private static unsafe void SleepUntilLongPast()
    {
        var longPast = new Libc.TimeSpec();
        Libc.ClockNanoSleep(Libc.ClockMonotonic, Libc.TimerAbsoluteTime, &longPast, null);
    }

    /// <summary>
    /// The rare PCM calls on a PCM of ALSA's own "null" plugin, opened for this and closed again (so
    /// snd_pcm_close is bound too): -EINTR is an error snd_pcm_recover has nothing to do for, and
    /// rewinding no frames rewinds nothing. What they return does not matter, only that they ran.
    /// The null plugin is alsa-lib's own (alsa.conf); should it not open, those calls bind where they are first made.
    /// </summary>
    private static void CallRarePcmFunctionsOnce()
    {
        if (LibAsound.Open(out nint pcm, "null", LibAsound.StreamPlayback, 0) < 0) return;
        LibAsound.Recover(pcm, -Libc.InterruptedError, 1);
        LibAsound.Rewindable(pcm);
        LibAsound.Rewind(pcm, 0);
        LibAsound.Close(pcm);
    }
}
