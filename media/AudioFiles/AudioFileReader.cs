using StageBox.Media.Native;

namespace StageBox.Media.AudioFiles;

/// <summary>
/// Reads an audio file whose content is WAV, AIFF, FLAC, Ogg or MP3 (<see cref="AudioFormats"/>), a block of interleaved float frames at
/// a time, so a file of any length is decoded in bounded memory. A file that ends before its
/// header says, as one pulled from under the reader does, is an error, never a short song.
/// </summary>
public sealed unsafe class AudioFileReader : IDisposable
{
    /// <summary>Longest file accepted: 4 hours at 192 kHz, so a lying header cannot exhaust memory.</summary>
    public const long MaxFrames = 4L * 3600 * 192_000;
    public const int MaxChannels = 64;

    private nint _handle;

    private AudioFileReader(string path, nint handle, AudioFileInfo info)
    {
        Path = path;
        _handle = handle;
        Info = info;
    }

    public string Path { get; }
    public AudioFileInfo Info { get; }
    public long FramesRead { get; private set; }

    public static AudioFileReader Open(string path)
    {
        if (!File.Exists(path))
            throw new AudioFileException(path, "file not found");
        SndFile.Info info = default;
        nint handle = SndFile.Open(path, SndFile.ModeRead, ref info);
        if (handle == 0)
            throw new AudioFileException(path, $"cannot decode: {SndFile.LastError(0)} (StageBox reads WAV, AIFF, FLAC, OGG and MP3)");
        AudioFormat? format = AudioFormats.FromSndFile(info.Format, out string other);
        string? fault = info switch
        {
            _ when format is null => $"holds {other} audio, which StageBox does not take (whatever the file is called, its content must be WAV, AIFF, FLAC, Ogg or MP3)",
            { Channels: <= 0 or > MaxChannels } => $"has {info.Channels} channels; at most {MaxChannels} are supported",
            { SampleRate: < 8000 or > 384_000 } => $"has a sample rate of {info.SampleRate} Hz, outside 8000..384000",
            { Frames: <= 0 } => "holds no audio (0 frames)",
            { Frames: > MaxFrames } => $"claims {info.Frames} frames, more than the {MaxFrames} allowed (4 h at 192 kHz)",
            _ => WavLengthCheck.Problem(path),
        };
        if (fault is not null)
        {
            SndFile.Close(handle);
            throw new AudioFileException(path, fault);
        }
        return new AudioFileReader(path, handle, new AudioFileInfo(info.Frames, info.SampleRate, info.Channels, format!.Value));
    }

    /// <summary>
    /// Decodes up to <paramref name="interleaved"/>.Length / channels frames; returns how many,
    /// 0 only once every frame the header promised has been read.
    /// </summary>
    public int Read(Span<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        long want = Math.Min(interleaved.Length / Info.Channels, Info.Frames - FramesRead);
        if (want == 0) return 0;
        long got;
        fixed (float* frames = interleaved) got = SndFile.ReadFramesFloat(_handle, frames, want);
        if (got <= 0)
            throw new AudioFileException(Path, $"the header promises {Info.Frames} frames but the file ends after {FramesRead}: it is truncated, damaged or was removed while being read");
        FramesRead += got;
        return (int)got;
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        SndFile.Close(_handle);
        _handle = 0;
    }
}
