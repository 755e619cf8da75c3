using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StageBox.Redundancy.Link;

/// <summary>
/// What two boxes compare before they arm: a SHA-256 over the installed show's content hash
/// and the setlist playing, so the same show imported on each box matches and anything else does not.
/// </summary>
public readonly record struct ShowIdentity(ulong A, ulong B, ulong C, ulong D)
{
    public const int Bytes = 32;

    public static ShowIdentity Of(string showContentHash, string setlist)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{showContentHash}\n{setlist}"));
        return Read(hash);
    }

    public static ShowIdentity Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, A);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], D);
    }

    /// <summary>The first 8 hex digits, as the screen and status show it.</summary>
    public string Short => $"{A & 0xffffffff:x8}";
}
