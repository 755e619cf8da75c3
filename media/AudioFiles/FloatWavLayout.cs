using System.Buffers.Binary;

namespace StageBox.Media.AudioFiles;

/// <summary>
/// Where the samples of a 32-bit float WAV sit: the library stores every stem this way at the
/// device's rate, so playback can read them straight from the file, a block at a time.
/// </summary>
public sealed record FloatWavLayout(int SampleRate, int Channels, long DataOffset, long Frames)
{
    private const ushort IeeeFloat = 3, Extensible = 0xFFFE;

    public int BytesPerFrame => Channels * sizeof(float);

    /// <summary>The layout of <paramref name="path"/>, or null when it is not a RIFF WAVE of 32-bit float samples.</summary>
    public static FloatWavLayout? Read(string path)
    {
        using FileStream file = File.OpenRead(path);
        (int Rate, int Channels)? floatFormat = null;
        foreach (RiffWaveChunks.Chunk chunk in RiffWaveChunks.Of(file))
        {
            if (chunk.Id == "fmt " && chunk.Size >= 16)
            {
                var format = new byte[Math.Min(chunk.Size, 26)];
                floatFormat = FloatFormat(format.AsSpan(0, file.Read(format)));
            }
            else if (chunk.Id == "data")
            {
                if (floatFormat is not (int rate, int channels)) return null;
                long bytes = Math.Min(chunk.Size, file.Length - chunk.Start);
                return new FloatWavLayout(rate, channels, chunk.Start, bytes / (channels * sizeof(float)));
            }
        }
        return null;
    }

    /// <summary>Rate and channels of a fmt chunk of 32-bit IEEE float (plain or WAVE_FORMAT_EXTENSIBLE), else null.</summary>
    private static (int, int)? FloatFormat(ReadOnlySpan<byte> fmt)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        int rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        // WAVE_FORMAT_EXTENSIBLE's sub-format GUID starts with the plain format tag.
        bool isFloat = tag == IeeeFloat || (tag == Extensible && fmt.Length >= 26 && BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]) == IeeeFloat);
        return isFloat && bits == 32 && channels > 0 ? (rate, channels) : null;
    }
}
