using StageBox.Hal.Native;
using StageBox.Hal.Resampling;

namespace StageBox.Hal.AudioFiles;

/// <summary>Reads audio files of any format libsndfile decodes into planar float samples.</summary>
public static class AudioFile
{
    /// <summary>Longest file accepted: 4 hours at 192 kHz, so a lying header cannot exhaust memory.</summary>
    public const long MaxFrames = 4L * 3600 * 192_000;
    public const int MaxChannels = 64;
    private const int ChunkFrames = 16_384;

    /// <summary>Opens the file and reads its header only.</summary>
    public static AudioFileInfo Probe(string path)
    {
        nint handle = OpenChecked(path, out SndFile.Info info);
        SndFile.Close(handle);
        return new AudioFileInfo(info.Frames, info.SampleRate, info.Channels);
    }

    /// <summary>Decodes the whole file into one float array per channel, in the file's own rate.</summary>
    public static unsafe DecodedAudio Read(string path)
    {
        nint handle = OpenChecked(path, out SndFile.Info info);
        try
        {
            int channels = info.Channels;
            var planar = new float[channels][];
            for (int c = 0; c < channels; c++) planar[c] = new float[info.Frames];
            var chunk = new float[ChunkFrames * channels];
            long done = 0;
            fixed (float* chunkPtr = chunk)
            {
                while (done < info.Frames)
                {
                    long want = Math.Min(ChunkFrames, info.Frames - done);
                    long got = SndFile.ReadFramesFloat(handle, chunkPtr, want);
                    if (got <= 0) break;
                    for (int f = 0; f < got; f++)
                        for (int c = 0; c < channels; c++)
                            planar[c][done + f] = chunk[f * channels + c];
                    done += got;
                }
            }
            if (done < info.Frames)
                throw new AudioFileException(path, $"the header promises {info.Frames} frames but the file ends after {done}: it is truncated or damaged; export it again");
            return new DecodedAudio(info.SampleRate, planar);
        }
        finally
        {
            SndFile.Close(handle);
        }
    }

    /// <summary>
    /// Decodes the whole file and brings it to <paramref name="sampleRate"/>, resampling with
    /// libsoxr only when the file's own rate differs.
    /// </summary>
    public static DecodedAudio ReadAtRate(string path, int sampleRate)
    {
        DecodedAudio decoded = Read(path);
        return decoded.SampleRate == sampleRate
            ? decoded
            : new DecodedAudio(sampleRate, Resampler.Resample(decoded.Channels, decoded.SampleRate, sampleRate));
    }

    private static nint OpenChecked(string path, out SndFile.Info info)
    {
        if (!File.Exists(path))
            throw new AudioFileException(path, "file not found");
        info = default;
        nint handle = SndFile.Open(path, SndFile.ModeRead, ref info);
        if (handle == 0)
            throw new AudioFileException(path, $"cannot decode: {SndFile.LastError(0)} (StageBox reads WAV, AIFF, FLAC, OGG and MP3)");
        string? fault = info switch
        {
            { Channels: <= 0 or > MaxChannels } => $"has {info.Channels} channels; at most {MaxChannels} are supported",
            { SampleRate: < 8000 or > 384_000 } => $"has a sample rate of {info.SampleRate} Hz, outside 8000..384000",
            { Frames: <= 0 } => "holds no audio (0 frames)",
            { Frames: > MaxFrames } => $"claims {info.Frames} frames, more than the {MaxFrames} allowed (4 h at 192 kHz)",
            _ => null,
        };
        if (fault is not null)
        {
            SndFile.Close(handle);
            throw new AudioFileException(path, fault);
        }
        return handle;
    }
}
