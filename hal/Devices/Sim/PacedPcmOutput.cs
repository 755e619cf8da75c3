using StageBox.Hal.Native;

namespace StageBox.Hal.Sim;

/// <summary>
/// A PCM output that takes frames in real time, the way a blocking ALSA PCM does: a device
/// buffer of <see cref="BufferFrames"/> drains at the sample rate (off by <see cref="PpmError"/>,
/// to model a crystal that runs fast or slow), and <see cref="Write"/> blocks until the buffer
/// has room for the frames given, as snd_pcm_writei does.
/// </summary>
/// <remarks>
/// The device starts the moment its buffer is first full (start threshold = buffer size, as
/// aplay and most players set it), so the first <see cref="BufferFrames"/> go in without waiting.
/// From then on the drain is a timeline: frames consumed = elapsed time since the start times the
/// rate, and every deadline is computed from the start time and the frame count, never by adding
/// up sleeps, so sleep overshoot does not accumulate. If the writer arrives after the buffer ran
/// empty, that counts as an underrun and the device restarts as ALSA does after snd_pcm_recover:
/// the buffer is empty again, the next <see cref="BufferFrames"/> go in without waiting, and the
/// timeline starts anew when it is full. The properties are meant to be read on the writing thread.
/// </remarks>
public sealed class PacedPcmOutput : IPcmOutput
{
    private const double NanosecondsPerSecond = 1e9;
    private const double PartsPerMillion = 1e6;

    private readonly double _nanosecondsPerFrame;
    private readonly IPcmOutput? _recorder;
    private readonly HeardTimeline? _heardTimeline;
    private volatile bool _unplugRequested;
    private long _awaySinceNs;
    private long _framesSinceAway;
    private bool _running;
    private long _timelineStartNs;
    /// <summary>Frames written since the timeline last (re)started, including the ones that filled the buffer.</summary>
    private long _timelineFrames;
    private bool _disposed;

    /// <param name="ppmError">
    /// How far this device's crystal is off, in parts per million: positive runs fast and consumes
    /// frames at rate × (1 + ppm / 10⁶).
    /// </param>
    /// <param name="recorder">Receives every frame written, after the device has taken it; owned and disposed with this output.</param>
    /// <param name="heardTimeline">Where to note when the recorded frames reach the speaker (see <see cref="HeardTimeline"/>); owned with this output.</param>
    public PacedPcmOutput(PcmFormat format, int periodFrames, int bufferFrames, double ppmError = 0, IPcmOutput? recorder = null, HeardTimeline? heardTimeline = null)
    {
        if (format.SampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(format), format.SampleRate, "the sample rate must be positive");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodFrames);
        if (bufferFrames < periodFrames)
            throw new ArgumentOutOfRangeException(nameof(bufferFrames), bufferFrames, $"the buffer must hold at least one period ({periodFrames} frames)");
        if (!double.IsFinite(ppmError) || Math.Abs(ppmError) >= PartsPerMillion)
            throw new ArgumentOutOfRangeException(nameof(ppmError), ppmError, "a crystal error must be finite and within ±10⁶ ppm");
        if (recorder is not null && recorder.Format != format)
            throw new ArgumentException($"the recorder takes {recorder.Format} but this output takes {format}", nameof(recorder));

        Format = format;
        PeriodFrames = periodFrames;
        BufferFrames = bufferFrames;
        PpmError = ppmError;
        _recorder = recorder;
        _heardTimeline = heardTimeline;
        _nanosecondsPerFrame = NanosecondsPerSecond / (format.SampleRate * (1 + ppmError / PartsPerMillion));
    }

    public PcmFormat Format { get; }

    public int PeriodFrames { get; }

    public int BufferFrames { get; }

    public double PpmError { get; }

    /// <summary>Frames the device has taken since it was opened.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>How often the writer came too late and found the buffer empty.</summary>
    public long Xruns { get; private set; }

    /// <summary>1 once <see cref="Unplug"/> has taken effect: the device went away for good, as a USB interface pulled out.</summary>
    public long DeviceLosses => DeviceAway ? 1 : 0;

    public bool DeviceAway { get; private set; }

    /// <summary>Frames queued in the device buffer and not yet played, like snd_pcm_delay.</summary>
    public long DelayFrames => DelayFramesNow(out _);

    public long DelayFramesNow(out long atNanoseconds)
    {
        atNanoseconds = MonotonicClock.NowNanoseconds();
        if (DeviceAway) return 0;
        return _running ? Math.Max(0, _timelineFrames - ConsumedAt(atNanoseconds)) : _timelineFrames;
    }

    /// <summary>What is queued and not yet played can be taken back, as a hw PCM allows.</summary>
    public long RewindableFrames => DeviceAway ? 0 : DelayFramesNow(out _);

    /// <summary>Takes back the latest queued frames: the timeline and the recording both shorten, and the next write replaces them.</summary>
    public long Rewind(long frames)
    {
        long rewound = Math.Clamp(frames, 0, RewindableFrames);
        _timelineFrames -= rewound;
        FramesWritten -= rewound;
        _recorder?.Rewind(rewound);
        return rewound;
    }

    /// <summary>
    /// Makes the device go away at the next write, from any thread (a signal handler, a test): what
    /// was queued is never heard, and from then on writes keep time on the clock but reach nothing.
    /// </summary>
    public void Unplug() => _unplugRequested = true;

    /// <summary>Blocks until the buffer has room for the frames, then queues them. Does not allocate.</summary>
    public void Write(ReadOnlySpan<byte> interleavedFrames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int frames = Format.WholeFramesIn(interleavedFrames);
        if (_unplugRequested && !DeviceAway) GoAway();
        if (DeviceAway)
        {
            // Gone: the audio thread keeps its pace, as the ALSA path does while it waits for the device to come back.
            _framesSinceAway += frames;
            MonotonicSleep.Until(_awaySinceNs + (long)(_framesSinceAway * _nanosecondsPerFrame));
            return;
        }
        if (_running && ConsumedAt(MonotonicClock.NowNanoseconds()) >= _timelineFrames)
        {
            Xruns++;
            _running = false;
            _timelineFrames = 0;
        }
        _timelineFrames += frames;
        if (!_running && _timelineFrames >= BufferFrames)
        {
            _running = true;
            _timelineStartNs = MonotonicClock.NowNanoseconds();
            _heardTimeline?.Started(FramesWritten + frames - _timelineFrames, _timelineStartNs, _nanosecondsPerFrame);
        }
        if (_running)
            MonotonicSleep.Until(TimeWhenConsumed(_timelineFrames - BufferFrames));
        FramesWritten += frames;
        _recorder?.Write(interleavedFrames);
    }

    private void GoAway()
    {
        DeviceAway = true;
        _awaySinceNs = MonotonicClock.NowNanoseconds();
        _heardTimeline?.Away(_awaySinceNs);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _recorder?.Dispose();
        _heardTimeline?.Dispose();
    }

    private long ConsumedAt(long nowNs) => (long)((nowNs - _timelineStartNs) / _nanosecondsPerFrame);

    private long TimeWhenConsumed(long frames) =>
        _timelineStartNs + (long)Math.Ceiling(frames * _nanosecondsPerFrame);

    public override string ToString() =>
        $"clock-paced output ({Format}, period {PeriodFrames}, buffer {BufferFrames}{(PpmError != 0 ? $", {PpmError:+0.#;-0.#} ppm" : "")}), xruns: {Xruns}"
        + (_recorder is null ? "" : $", recorded to {_recorder}");
}
