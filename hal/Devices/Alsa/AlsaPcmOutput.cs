using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>
/// A playback device through libasound: interleaved frames written with snd_pcm_writei on a
/// blocking PCM. Underruns (EPIPE) and suspends (ESTRPIPE) are recovered with snd_pcm_recover
/// and counted, with the time and stream position of the last one; any other write error means
/// the device has gone and is thrown. Write neither allocates nor locks.
/// </summary>
public sealed unsafe class AlsaPcmOutput : IPcmOutput
{
    private nint _pcm;

    private AlsaPcmOutput(string device, nint pcm, PcmFormat format, int periodFrames, int bufferFrames)
    {
        Device = device;
        _pcm = pcm;
        Format = format;
        PeriodFrames = periodFrames;
        BufferFrames = bufferFrames;
    }

    public string Device { get; }
    public PcmFormat Format { get; }
    public int PeriodFrames { get; }
    public int BufferFrames { get; }
    public long FramesWritten { get; private set; }
    public long Xruns { get; private set; }
    public long LastXrunAtNanoseconds { get; private set; }
    public long LastXrunAtFrame { get; private set; }

    /// <summary>
    /// Opens <paramref name="device"/> and negotiates: interleaved access, the first format of
    /// <paramref name="formats"/> the device takes, exactly the channel count, and the rate,
    /// period and buffer nearest those asked. <see cref="Format"/> and the sizes say what was granted.
    /// </summary>
    public static AlsaPcmOutput Open(string device, int sampleRate, int channels, int periodFrames, int bufferFrames, IReadOnlyList<SampleFormat> formats)
    {
        Check(device, "open", LibAsound.Open(out nint pcm, device, LibAsound.StreamPlayback, 0));
        try
        {
            using var hardware = new HardwareParameters(device, pcm);
            hardware.Require("set interleaved access", LibAsound.HwParamsSetAccess(pcm, hardware.Handle, LibAsound.AccessReadWriteInterleaved));
            SampleFormat format = hardware.ChooseFormat(formats);
            hardware.Require($"set {channels} channels ({hardware.ChannelRange()})", LibAsound.HwParamsSetChannels(pcm, hardware.Handle, (uint)channels));
            uint rate = (uint)sampleRate;
            hardware.Require($"set a rate near {sampleRate} Hz", LibAsound.HwParamsSetRateNear(pcm, hardware.Handle, &rate, null));
            ulong period = (ulong)periodFrames, buffer = (ulong)bufferFrames;
            hardware.Require($"set a period near {periodFrames} frames", LibAsound.HwParamsSetPeriodSizeNear(pcm, hardware.Handle, &period, null));
            hardware.Require($"set a buffer near {bufferFrames} frames", LibAsound.HwParamsSetBufferSizeNear(pcm, hardware.Handle, &buffer));
            hardware.Require("apply the hardware parameters", LibAsound.HwParamsApply(pcm, hardware.Handle));
            hardware.Require("read the period size", LibAsound.HwParamsGetPeriodSize(hardware.Handle, &period, null));
            hardware.Require("read the buffer size", LibAsound.HwParamsGetBufferSize(hardware.Handle, &buffer));
            StartWhenBufferIsFull(device, pcm, buffer, period);
            return new AlsaPcmOutput(device, pcm, new PcmFormat((int)rate, channels, format), (int)period, (int)buffer);
        }
        catch
        {
            LibAsound.Close(pcm);
            throw;
        }
    }

    /// <summary>
    /// The device starts once its buffer is full (a glitch-free start, as aplay does) and wakes
    /// the writer whenever a period is free. And the kernel zeroes every frame once played
    /// (silence size = boundary): after an underrun the device then plays silence, where it
    /// would otherwise play its stale buffer again, a stutter of old audio in the PA (the rig
    /// caught snd-aloop doing exactly that).
    /// </summary>
    private static void StartWhenBufferIsFull(string device, nint pcm, ulong buffer, ulong period)
    {
        Check(device, "allocate software parameters", LibAsound.SwParamsAllocate(out nint software));
        try
        {
            Check(device, "read software parameters", LibAsound.SwParamsCurrent(pcm, software));
            Check(device, "set the start threshold", LibAsound.SwParamsSetStartThreshold(pcm, software, buffer));
            Check(device, "set the wake-up threshold", LibAsound.SwParamsSetAvailMin(pcm, software, period));
            ulong boundary;
            Check(device, "read the ring boundary", LibAsound.SwParamsGetBoundary(software, &boundary));
            Check(device, "set the silence threshold", LibAsound.SwParamsSetSilenceThreshold(pcm, software, 0));
            Check(device, "set silence filling", LibAsound.SwParamsSetSilenceSize(pcm, software, boundary));
            Check(device, "apply the software parameters", LibAsound.SwParamsApply(pcm, software));
        }
        finally
        {
            LibAsound.SwParamsFree(software);
        }
    }

    public void Write(ReadOnlySpan<byte> interleavedFrames)
    {
        int frames = Format.WholeFramesIn(interleavedFrames);
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
                if (error != -LibAsound.BrokenPipe && error != -LibAsound.StreamSuspended) throw new AlsaException(Device, "write", error);
                Xruns++;
                LastXrunAtNanoseconds = MonotonicClock.NowNanoseconds();
                LastXrunAtFrame = FramesWritten + done;
                Check(Device, "recover from an underrun", LibAsound.Recover(_pcm, error, 1));
            }
        }
        FramesWritten += frames;
    }

    /// <summary>Frames written but not yet heard: the output latency as snd_pcm_delay tells it.</summary>
    public long DelayFrames
    {
        get
        {
            long delay;
            return LibAsound.Delay(_pcm, &delay) == 0 ? delay : 0;
        }
    }

    /// <summary>Lets the device play what it holds, then closes it.</summary>
    public void Dispose()
    {
        if (_pcm == 0) return;
        LibAsound.Drain(_pcm);
        LibAsound.Close(_pcm);
        _pcm = 0;
    }

    public override string ToString() =>
        $"ALSA '{Device}' ({Format}, period {PeriodFrames}, buffer {BufferFrames}), xruns: {Xruns}"
        + (Xruns > 0 ? $" (the last at frame {LastXrunAtFrame}, {LastXrunAtNanoseconds / 1e9:0.000} s on the monotonic clock)" : "");

    internal static void Check(string device, string action, int result)
    {
        if (result < 0) throw new AlsaException(device, action, result);
    }
}
