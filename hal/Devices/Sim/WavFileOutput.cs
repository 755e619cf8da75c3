using StageBox.Media.Wav;

namespace StageBox.Hal.Sim;

/// <summary>
/// A PCM output that writes every period to a WAV file as fast as the disk takes it, never
/// pacing: the output of offline renders, and the recorder behind a <see cref="PacedPcmOutput"/>.
/// </summary>
public sealed class WavFileOutput : IPcmOutput
{
    private readonly WavWriter _writer;
    private readonly string _path;

    /// <param name="unbuffered">Every period reaches the file as it is written, so a killed process's recording is whole up to its last write.</param>
    public WavFileOutput(string path, PcmFormat format, int periodFrames, bool unbuffered = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodFrames);
        _path = path;
        PeriodFrames = periodFrames;
        _writer = new WavWriter(path, format, unbuffered);
    }

    public PcmFormat Format => _writer.Format;

    public int PeriodFrames { get; }

    public long FramesWritten => _writer.FramesWritten;

    /// <summary>A file never runs dry.</summary>
    public long Xruns => 0;

    public long DeviceLosses => 0;

    /// <summary>What is written is in the file at once.</summary>
    public long DelayFrames => 0;

    public void Write(ReadOnlySpan<byte> interleavedFrames) => _writer.Write(interleavedFrames);

    /// <summary>A file takes back whatever was written.</summary>
    public long RewindableFrames => _writer.FramesWritten;

    public long Rewind(long frames)
    {
        long rewound = Math.Min(frames, _writer.FramesWritten);
        _writer.Rewind(rewound);
        return rewound;
    }

    /// <summary>Completes the WAV header; the file is readable from then on.</summary>
    public void Dispose() => _writer.Dispose();

    public override string ToString() => $"{_path} ({Format}, {(double)FramesWritten / Format.SampleRate:0.0} s)";
}
