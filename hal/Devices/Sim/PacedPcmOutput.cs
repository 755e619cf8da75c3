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
    public PacedPcmOutput(PcmFormat format, int periodFrames, int bufferFrames, double ppmError = 0, IPcmOutput? recorder = null)
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

    /// <summary>A simulated device is never unplugged.</summary>
    public long DeviceLosses => 0;

    /// <summary>Frames queued in the device buffer and not yet played, like snd_pcm_delay.</summary>
    public long DelayFrames => _running
        ? Math.Max(0, _timelineFrames - ConsumedAt(MonotonicClock.NowNanoseconds()))
        : _timelineFrames;

    /// <summary>Blocks until the buffer has room for the frames, then queues them. Does not allocate.</summary>
    public void Write(ReadOnlySpan<byte> interleavedFrames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int frames = Format.WholeFramesIn(interleavedFrames);
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
        }
        if (_running)
            MonotonicClock.SleepUntil(TimeWhenConsumed(_timelineFrames - BufferFrames));
        FramesWritten += frames;
        _recorder?.Write(interleavedFrames);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _recorder?.Dispose();
    }

    private long ConsumedAt(long nowNs) => (long)((nowNs - _timelineStartNs) / _nanosecondsPerFrame);

    private long TimeWhenConsumed(long frames) =>
        _timelineStartNs + (long)Math.Ceiling(frames * _nanosecondsPerFrame);

    public override string ToString() =>
        $"clock-paced output ({Format}, period {PeriodFrames}, buffer {BufferFrames}{(PpmError != 0 ? $", {PpmError:+0.#;-0.#} ppm" : "")}), xruns: {Xruns}"
        + (_recorder is null ? "" : $", recorded to {_recorder}");
}
