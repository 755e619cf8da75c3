using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>Opens a playback PCM and negotiates its hardware and software parameters.</summary>
internal static unsafe class PcmOpener
{
    /// <summary>
    /// Opens the device and negotiates: interleaved access, the first of the formats asked
    /// that it takes, exactly the channel count, and the rate, period and buffer nearest those
    /// asked. The result says what was granted.
    /// </summary>
    public static OpenedPcm Open(PcmRequest request)
    {
        string device = request.Device;
        Check(device, "open", LibAsound.Open(out nint pcm, device, LibAsound.StreamPlayback, 0));
        try
        {
            using var hardware = new HardwareParameters(device, pcm);
            hardware.Require("set interleaved access", LibAsound.HwParamsSetAccess(pcm, hardware.Handle, LibAsound.AccessReadWriteInterleaved));
            SampleFormat format = hardware.ChooseFormat(request.Formats);
            hardware.Require($"set {request.Channels} channels ({hardware.ChannelRange()})", LibAsound.HwParamsSetChannels(pcm, hardware.Handle, (uint)request.Channels));
            uint rate = (uint)request.SampleRate;
            hardware.Require($"set a rate near {request.SampleRate} Hz", LibAsound.HwParamsSetRateNear(pcm, hardware.Handle, &rate, null));
            ulong period = (ulong)request.PeriodFrames, buffer = (ulong)request.BufferFrames;
            hardware.Require($"set a period near {request.PeriodFrames} frames", LibAsound.HwParamsSetPeriodSizeNear(pcm, hardware.Handle, &period, null));
            hardware.Require($"set a buffer near {request.BufferFrames} frames", LibAsound.HwParamsSetBufferSizeNear(pcm, hardware.Handle, &buffer));
            hardware.Require("apply the hardware parameters", LibAsound.HwParamsApply(pcm, hardware.Handle));
            hardware.Require("read the period size", LibAsound.HwParamsGetPeriodSize(hardware.Handle, &period, null));
            hardware.Require("read the buffer size", LibAsound.HwParamsGetBufferSize(hardware.Handle, &buffer));
            StartWhenBufferIsFull(device, pcm, buffer, period);
            return new OpenedPcm(pcm, new PcmFormat((int)rate, request.Channels, format), (int)period, (int)buffer);
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
    /// would otherwise play its stale buffer again, a stutter of old audio in the PA.
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

    public static void Check(string device, string action, int result)
    {
        if (result < 0) throw new AlsaException(device, action, result);
    }
}
