using System.Runtime.InteropServices;
using System.Security.Cryptography;
using StageBox.Hal;
using StageBox.Media.AudioFiles;
using StageBox.Media.Resampling;
using StageBox.Media.Wav;

namespace StageBox.Show.Import;

/// <summary>
/// Decodes an audio file (libsndfile) and brings it to the device rate (libsoxr), a block at a
/// time, into the library's form: a 32-bit float WAV, the raw samples the box mixes, behind a
/// standard header. Memory stays at a few blocks whatever the file's length.
/// </summary>
public static class StemConverter
{
    private const int BlockFrames = 16_384;

    /// <param name="decoded">Hears the number of source frames decoded after each block.</param>
    public static ConvertedAudio Convert(string source, string destination, int sampleRate, Action<long> decoded)
    {
        using AudioFileReader reader = AudioFileReader.Open(source);
        int channels = reader.Info.Channels;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new WavWriter(destination, new PcmFormat(sampleRate, channels, SampleFormat.Float32));
        using (writer)
        {
            void Store(ReadOnlySpan<float> frames)
            {
                ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(frames);
                writer.Write(bytes);
                hash.AppendData(bytes);
            }
            var input = new float[BlockFrames * channels];
            using StreamingResampler? resampler = reader.Info.SampleRate == sampleRate
                ? null
                : new StreamingResampler(reader.Info.SampleRate, sampleRate, channels, reader.Info.Frames);
            var output = new float[BlockFrames * channels];
            for (int got; (got = reader.Read(input)) > 0;)
            {
                ReadOnlySpan<float> block = input.AsSpan(0, got * channels);
                if (resampler is null) Store(block);
                else resampler.Process(block, output, Store);
                decoded(got);
            }
            resampler?.Finish(output, Store);
        }
        return new ConvertedAudio(destination, writer.FramesWritten, channels, writer.HeaderBytes, System.Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
