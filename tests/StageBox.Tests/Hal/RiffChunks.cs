using System.Buffers.Binary;
using System.Text;

namespace StageBox.Tests.Hal;

/// <summary>Reads a RIFF/WAVE file's chunks from its raw bytes, independently of the code under test.</summary>
public sealed class RiffChunks
{
    private readonly Dictionary<string, (int Offset, int Size)> _chunks = [];

    public RiffChunks(byte[] file)
    {
        File = file;
        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(file, 8, 4));
        RiffSize = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        for (int position = 12; position + 8 <= file.Length;)
        {
            string id = Encoding.ASCII.GetString(file, position, 4);
            int size = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4)));
            _chunks[id] = (position + 8, size);
            position += 8 + size + (size & 1); // chunks are word-aligned
        }
    }

    public byte[] File { get; }

    public uint RiffSize { get; }

    public IReadOnlyCollection<string> Ids => _chunks.Keys;

    public int Size(string id) => _chunks[id].Size;

    public ReadOnlySpan<byte> Body(string id) => File.AsSpan(_chunks[id].Offset, _chunks[id].Size);

    public ushort U16(string id, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Body(id)[offset..]);

    public uint U32(string id, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(Body(id)[offset..]);

    public static RiffChunks Read(string path) => new(System.IO.File.ReadAllBytes(path));
}
