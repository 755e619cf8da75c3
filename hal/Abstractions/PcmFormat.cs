namespace StageBox.Hal;

/// <summary>Sample encodings a PCM device takes, named as ALSA names them.</summary>
public enum SampleFormat
{
    /// <summary>32-bit IEEE float, little-endian (SND_PCM_FORMAT_FLOAT_LE).</summary>
    Float32,
    /// <summary>Signed 32-bit little-endian (SND_PCM_FORMAT_S32_LE).</summary>
    S32,
    /// <summary>Signed 24-bit packed in 3 bytes, little-endian (SND_PCM_FORMAT_S24_3LE).</summary>
    S24_3LE,
    /// <summary>Signed 16-bit little-endian (SND_PCM_FORMAT_S16_LE).</summary>
    S16,
}

/// <summary>The shape of interleaved PCM frames exchanged with an output device.</summary>
public readonly record struct PcmFormat(int SampleRate, int Channels, SampleFormat Sample)
{
    public int BytesPerSample => Sample switch
    {
        SampleFormat.Float32 or SampleFormat.S32 => 4,
        SampleFormat.S24_3LE => 3,
        SampleFormat.S16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(Sample), Sample, "unknown sample format"),
    };

    public int BytesPerFrame => BytesPerSample * Channels;

    /// <summary>Frames in a buffer handed to a PCM output, which must hold whole frames only.</summary>
    public int WholeFramesIn(ReadOnlySpan<byte> interleavedFrames)
    {
        if (interleavedFrames.Length % BytesPerFrame != 0)
            throw new ArgumentException($"{interleavedFrames.Length} bytes is not a whole number of {this} frames ({BytesPerFrame} bytes each)", nameof(interleavedFrames));
        return interleavedFrames.Length / BytesPerFrame;
    }

    public override string ToString() => $"{Channels} ch, {SampleRate} Hz, {Sample}";
}
