namespace StageBox.Redundancy.Link;

/// <summary>The key both boxes share for HMAC-SHA256: at least 128 bits, written as hex in the configuration.</summary>
public sealed class LinkKey
{
    public const int MinimumBytes = 16;

    /// <summary>
    /// A key typed by hand (all zero, one byte repeated, a short pattern such as deadbeef...) has
    /// few distinct bytes; 16 random bytes have fewer than 8 distinct ones about once in 10^12.
    /// </summary>
    public const int MinimumDistinctBytes = 8;

    private LinkKey(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <exception cref="FormatException">Not hex, shorter than 128 bits, or plainly not random; the message says which.</exception>
    public static LinkKey FromHex(string hex)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("redundancy.key: not a hex string; make one with `openssl rand -hex 32` and give both boxes the same");
        }
        if (bytes.Length < MinimumBytes)
            throw new FormatException($"redundancy.key: {bytes.Length * 8} bits is too short; use at least {MinimumBytes * 8} (`openssl rand -hex 32`)");
        int distinct = bytes.Distinct().Count();
        if (distinct < MinimumDistinctBytes)
            throw new FormatException($"redundancy.key: {Describe(bytes, distinct)}, a key anyone could guess; make a random one with `openssl rand -hex 32` and give both boxes the same");
        return new LinkKey(bytes);
    }

    private static string Describe(byte[] bytes, int distinct) =>
        distinct > 1 ? $"only {distinct} different byte values" : bytes[0] == 0 ? "all zero" : $"every byte {bytes[0]:x2}";
}
