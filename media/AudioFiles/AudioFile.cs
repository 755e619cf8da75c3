using StageBox.Media.Resampling;

namespace StageBox.Media.AudioFiles;

/// <summary>Reads whole audio files (WAV, AIFF, FLAC, Ogg, MP3) into planar float samples.</summary>
public static class AudioFile
{
    private const int ChunkFrames = 16_384;

    /// <summary>Opens the file and reads its header only.</summary>
    public static AudioFileInfo Probe(string path)
    {
        using AudioFileReader reader = AudioFileReader.Open(path);
        return reader.Info;
    }

    /// <summary>Decodes the whole file into one float array per channel, in the file's own rate.</summary>
    public static DecodedAudio Read(string path)
    {
        using AudioFileReader reader = AudioFileReader.Open(path);
        int channels = reader.Info.Channels;
        var planar = new float[channels][];
        for (int c = 0; c < channels; c++) planar[c] = new float[reader.Info.Frames];
        var chunk = new float[ChunkFrames * channels];
        long done = 0;
        for (int got; (got = reader.Read(chunk)) > 0; done += got)
        {
            for (int f = 0; f < got; f++)
                for (int c = 0; c < channels; c++)
                    planar[c][done + f] = chunk[f * channels + c];
        }
        return new DecodedAudio(reader.Info.SampleRate, planar);
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
}
