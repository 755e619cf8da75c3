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
}
