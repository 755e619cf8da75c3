namespace StageBox.Hal.Display;

/// <summary>
/// 16-bit colour as the ILI9341 stores it: 5 bits red, 6 green, 5 blue. Conversions to and from
/// 8-bit channels replicate the top bits into the low ones, so white stays 255 and black 0.
/// </summary>
public static class Rgb565
{
    public static ushort FromRgb(byte red, byte green, byte blue) =>
        (ushort)(((red & 0xF8) << 8) | ((green & 0xFC) << 3) | (blue >> 3));

    /// <summary>From 0xRRGGBB, as colours are written in a style sheet.</summary>
    public static ushort FromHex(int rgb) => FromRgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);

    public static byte Red(ushort colour) { int r = colour >> 11; return (byte)((r << 3) | (r >> 2)); }
    public static byte Green(ushort colour) { int g = (colour >> 5) & 0x3F; return (byte)((g << 2) | (g >> 4)); }
    public static byte Blue(ushort colour) { int b = colour & 0x1F; return (byte)((b << 3) | (b >> 2)); }

    /// <summary>
    /// <paramref name="over"/> laid on <paramref name="under"/> with <paramref name="alpha"/> (0 to 255)
    /// coverage, per channel in the 565 domain: how anti-aliased text edges are drawn.
    /// </summary>
    public static ushort Blend(ushort under, ushort over, byte alpha)
    {
        if (alpha == 255) return over;
        if (alpha == 0) return under;
        int r = Mix(under >> 11, over >> 11, alpha);
        int g = Mix((under >> 5) & 0x3F, (over >> 5) & 0x3F, alpha);
        int b = Mix(under & 0x1F, over & 0x1F, alpha);
        return (ushort)((r << 11) | (g << 5) | b);
    }

    private static int Mix(int under, int over, int alpha) => (under * (255 - alpha) + over * alpha + 127) / 255;
}
