using System.Buffers.Binary;
using System.Text;

namespace StageBox.Media.AudioFiles;

/// <summary>Walks the chunks of a RIFF WAVE file ("fmt ", "data", and whatever else a writer put there).</summary>
internal static class RiffWaveChunks
{
    /// <param name="Start">Where the chunk's body begins in the file.</param>
    public readonly record struct Chunk(string Id, uint Size, long Start);

    /// <summary>
    /// The chunks in file order, <paramref name="file"/> positioned at each one's body as it is
    /// handed out (the caller may read it); none when the file is not RIFF WAVE.
    /// </summary>
    public static IEnumerable<Chunk> Of(FileStream file)
    {
        var header = new byte[12];
        if (file.Read(header) < 12 || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8)) yield break;
        var chunkHeader = new byte[8];
        while (file.Read(chunkHeader) == 8)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            long start = file.Position;
            yield return new Chunk(Encoding.ASCII.GetString(chunkHeader, 0, 4), size, start);
            // Chunks are padded to an even length.
            file.Position = start + size + (size & 1);
        }
    }
}
