using System.Security.Cryptography;

namespace StageBox.Redundancy.Link;

/// <summary>
/// Signs and checks packets with HMAC-SHA256 under the shared key: the tag (32 bytes) follows
/// the packet and covers all of it. The check takes the same time however the tags differ.
/// </summary>
public sealed class PacketSeal(LinkKey key)
{
    public const int TagBytes = 32;

    /// <summary>Appends the tag after <paramref name="length"/> bytes; returns the sealed length.</summary>
    public int Seal(Span<byte> packet, int length)
    {
        HMACSHA256.HashData(key.Bytes, packet[..length], packet.Slice(length, TagBytes));
        return length + TagBytes;
    }

    /// <summary>True when the last <see cref="TagBytes"/> are the tag of what precedes them.</summary>
    public bool Verify(ReadOnlySpan<byte> sealedPacket)
    {
        if (sealedPacket.Length <= TagBytes) return false;
        Span<byte> expected = stackalloc byte[TagBytes];
        int body = sealedPacket.Length - TagBytes;
        HMACSHA256.HashData(key.Bytes, sealedPacket[..body], expected);
        return CryptographicOperations.FixedTimeEquals(expected, sealedPacket[body..]);
    }
}
