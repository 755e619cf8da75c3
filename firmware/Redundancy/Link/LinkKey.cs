namespace StageBox.Redundancy.Link;

/// <summary>The key both boxes share for HMAC-SHA256: at least 128 bits, written as hex in the configuration.</summary>
public sealed class LinkKey
{
    public const int MinimumBytes = 16;

    private LinkKey(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <exception cref="FormatException">Not hex, or shorter than 128 bits; the message says which.</exception>
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
        return new LinkKey(bytes);
    }
}
