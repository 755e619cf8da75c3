namespace StageBox.Hal;

/// <summary>
/// A playback device that takes interleaved frames: an ALSA PCM on the box, or one of the
/// simulated twins on a PC. <see cref="Write"/> is the one blocking call the audio thread makes.
/// </summary>
public interface IPcmOutput : IDisposable
{
    PcmFormat Format { get; }

    /// <summary>Frames per period the device was opened with.</summary>
    int PeriodFrames { get; }

    /// <summary>
    /// Writes whole frames in <see cref="Format"/>, blocking until the device has taken them,
    /// as snd_pcm_writei does. Must not allocate.
    /// </summary>
    void Write(ReadOnlySpan<byte> interleavedFrames);

    /// <summary>Underruns so far: the device ran dry and was recovered. Read on the writing thread.</summary>
    long Xruns { get; }

    /// <summary>Times the device went away (unplugged, driver reset) and playback went on without it. Read on the writing thread.</summary>
    long DeviceLosses { get; }

    /// <summary>The device is gone right now and playback keeps time without it. Read on the writing thread.</summary>
    bool DeviceAway => false;

    /// <summary>Frames written but not yet heard (snd_pcm_delay): the output latency. Read on the writing thread.</summary>
    long DelayFrames { get; }

    /// <summary>Queued frames the device can still take back and replace (snd_pcm_rewindable); 0 for a device that cannot. Read on the writing thread.</summary>
    long RewindableFrames => 0;

    /// <summary>
    /// Takes back up to <paramref name="frames"/> of the latest frames queued and not yet played
    /// (snd_pcm_rewind), so the next write replaces them; returns how many it took back. A standby
    /// box of a redundant pair taking over rewrites its muted queue this way, so the audience hears
    /// it at once instead of after the buffer's latency. Called on the writing thread.
    /// </summary>
    long Rewind(long frames) => 0;

    /// <summary>
    /// <see cref="DelayFrames"/> with the CLOCK_MONOTONIC time it holds for, so a frame's moment at
    /// the speaker can be worked out (a redundant pair keeps in step by it). Read on the writing thread.
    /// </summary>
    long DelayFramesNow(out long atNanoseconds)
    {
        long delay = DelayFrames;
        atNanoseconds = MonotonicClock.NowNanoseconds();
        return delay;
    }
}
