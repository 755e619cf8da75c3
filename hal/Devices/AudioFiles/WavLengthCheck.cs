using System.Buffers.Binary;

namespace StageBox.Hal.AudioFiles;

/// <summary>
/// libsndfile quietly plays a WAV whose data chunk claims more bytes than the file holds, as if
/// the song were shorter: the mark of an export cut off or a copy that did not finish. The box
/// refuses it instead, so a stem never silently stops early on stage.
/// </summary>
internal static class WavLengthCheck
{
    /// <summary>Writers streaming a WAV of unknown length leave these in the size field; they are not a lie.</summary>
    private const uint UnknownLength = 0xFFFFFFFF;

    /// <summary>The problem with <paramref name="path"/>'s data chunk, or null (also for files that are not RIFF WAVE).</summary>
    public static string? Problem(string path)
    {
        using FileStream file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[12];
        if (file.Read(header) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8)) return null;
        Span<byte> chunk = stackalloc byte[8];
        while (file.Read(chunk) == 8)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
            {
                long present = file.Length - file.Position;
                return size != UnknownLength && size > present
                    ? $"the WAV header promises {size} bytes of audio but the file holds {present}: it was cut off (export or copy it again)"
                    : null;
            }
            file.Seek(size + (size & 1), SeekOrigin.Current);
        }
        return null;
    }
}
