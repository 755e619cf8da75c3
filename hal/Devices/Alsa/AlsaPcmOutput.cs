using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>
/// A playback device through libasound: interleaved frames written with snd_pcm_writei on a
/// blocking PCM. Underruns (EPIPE) and suspends (ESTRPIPE) are recovered with snd_pcm_recover
/// and counted, with the time and stream position of the last one.
///
/// Any other write error means the device has gone (a USB interface unplugged, a driver
/// reset). The PCM is closed and the output keeps time without it, taking each period at the
/// rate the device would have, so the song goes on in time with the band; a reopener thread
/// tries to open the device again, exactly as before, every quarter second, and writing resumes
/// on it at the position the song has reached. Write never allocates or locks, lost or not.
/// </summary>
public sealed class AlsaPcmOutput : IPcmOutput
{
    private readonly PcmRequest _request;
    private readonly DeviceReopener _reopener;
    private nint _pcm;
    private bool _lost;
    private long _lostAtNanoseconds;
    private long _framesSinceLost;

    private AlsaPcmOutput(PcmRequest request, OpenedPcm opened)
    {
        _request = request with { SampleRate = opened.Format.SampleRate, PeriodFrames = opened.PeriodFrames, BufferFrames = opened.BufferFrames, Formats = [opened.Format.Sample] };
        _pcm = opened.Handle;
        Format = opened.Format;
        PeriodFrames = opened.PeriodFrames;
        BufferFrames = opened.BufferFrames;
        _reopener = new DeviceReopener(_request, opened);
    }

    public string Device => _request.Device;
    public PcmFormat Format { get; }
    public int PeriodFrames { get; }
    public int BufferFrames { get; }
    public long FramesWritten { get; private set; }
    public long Xruns { get; private set; }
    public long LastXrunAtNanoseconds { get; private set; }
    public long LastXrunAtFrame { get; private set; }
    public long DeviceLosses { get; private set; }

    public bool DeviceAway => _lost;
    public int LastDeviceError { get; private set; }

    /// <summary>Opens the device as <paramref name="request"/> asks; <see cref="Format"/> and the sizes say what was granted.</summary>
    public static AlsaPcmOutput Open(PcmRequest request) => new(request, PcmOpener.Open(request));

    public static AlsaPcmOutput Open(string device, int sampleRate, int channels, int periodFrames, int bufferFrames, IReadOnlyList<SampleFormat> formats) =>
        Open(new PcmRequest(device, sampleRate, channels, periodFrames, bufferFrames, formats));

    public unsafe void Write(ReadOnlySpan<byte> interleavedFrames)
    {
        int frames = Format.WholeFramesIn(interleavedFrames);
        if (_lost && !TakeReopenedDevice())
        {
            KeepTime(frames);
            return;
        }
        int bytesPerFrame = Format.BytesPerFrame;
        fixed (byte* start = interleavedFrames)
        {
            int done = 0;
            while (done < frames)
            {
                long result = LibAsound.WriteInterleaved(_pcm, start + done * bytesPerFrame, (ulong)(frames - done));
                if (result >= 0)
                {
                    done += (int)result;
                    continue;
                }
                int error = (int)result;
                bool underrun = error == -LibAsound.BrokenPipe || error == -LibAsound.StreamSuspended;
                if (!underrun || LibAsound.Recover(_pcm, error, 1) < 0)
                {
                    LoseDevice(error);
                    KeepTime(frames - done);
                    FramesWritten += done;
                    return;
                }
                Xruns++;
                LastXrunAtNanoseconds = MonotonicClock.NowNanoseconds();
                LastXrunAtFrame = FramesWritten + done;
            }
        }
        FramesWritten += frames;
    }

    public long RewindableFrames => _lost ? 0 : Math.Max(0, LibAsound.Rewindable(_pcm));

    public long Rewind(long frames)
    {
        if (_lost || frames <= 0) return 0;
        long rewound = LibAsound.Rewind(_pcm, (ulong)frames);
        if (rewound <= 0) return 0;
        FramesWritten -= rewound;
        return rewound;
    }

    /// <summary>Frames written but not yet heard: the output latency as snd_pcm_delay tells it (0 while the device is lost).</summary>
    public unsafe long DelayFrames
    {
        get
        {
            long delay;
            return !_lost && LibAsound.Delay(_pcm, &delay) == 0 ? delay : 0;
        }
    }

    private void LoseDevice(int error)
    {
        LibAsound.Close(_pcm);
        _pcm = 0;
        _lost = true;
        DeviceLosses++;
        LastDeviceError = error;
        _lostAtNanoseconds = MonotonicClock.NowNanoseconds();
        _framesSinceLost = 0;
        _reopener.Wanted = true;
    }

    private bool TakeReopenedDevice()
    {
        nint reopened = _reopener.Take();
        if (reopened == 0) return false;
        _pcm = reopened;
        _lost = false;
        return true;
    }

    /// <summary>
    /// While the device is away: take the frames at the rate it would, so time goes on. Each
    /// deadline counts from the moment of loss, so rounding never adds up.
    /// </summary>
    private void KeepTime(int frames)
    {
        _framesSinceLost += frames;
        MonotonicSleep.Until(_lostAtNanoseconds + _framesSinceLost * 1_000_000_000L / Format.SampleRate);
        FramesWritten += frames;
    }

    /// <summary>Lets the device play what it holds, then closes it.</summary>
    public void Dispose()
    {
        _reopener.Dispose();
        if (_pcm == 0) return;
        LibAsound.Drain(_pcm);
        LibAsound.Close(_pcm);
        _pcm = 0;
    }

    public override string ToString() =>
        $"ALSA '{Device}' ({Format}, period {PeriodFrames}, buffer {BufferFrames}), xruns: {Xruns}"
        + (Xruns > 0 ? $" (the last at frame {LastXrunAtFrame}, {LastXrunAtNanoseconds / 1e9:0.000} s on the monotonic clock)" : "")
        + (DeviceLosses > 0 ? $", device lost {DeviceLosses} time(s) (last: {LibAsound.ErrorText(LastDeviceError)}){(_lost ? ", still away" : ", reopened")}" : "")
        + (_reopener.LastProblem is string problem ? $"; reopening: {problem}" : "");
}
