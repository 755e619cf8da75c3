namespace StageBox.Hal.Pcm;

/// <summary>Counts the frames in a buffer handed to a PCM output, which must hold whole frames only.</summary>
internal static class WholeFrames
{
    public static int Count(ReadOnlySpan<byte> interleavedFrames, PcmFormat format)
    {
        int bytesPerFrame = format.BytesPerFrame;
        if (interleavedFrames.Length % bytesPerFrame != 0)
            throw new ArgumentException($"{interleavedFrames.Length} bytes is not a whole number of {format} frames ({bytesPerFrame} bytes each)", nameof(interleavedFrames));
        return interleavedFrames.Length / bytesPerFrame;
    }
}
