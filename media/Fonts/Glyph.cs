namespace StageBox.Media.Fonts;

/// <summary>
/// One rendered glyph: an 8-bit coverage (alpha) bitmap placed relative to the pen on the
/// baseline. Drawing it at pen (x, y) puts its top-left pixel at (x + Left, y - Top); the pen
/// then moves right by Advance (plus the font's kerning before the next glyph). Immutable, so
/// one instance serves every draw.
/// </summary>
public sealed class Glyph
{
    private readonly byte[] _coverage;

    internal Glyph(uint index, int width, int height, int left, int top, int advance, byte[] coverage)
    {
        Index = index;
        Width = width;
        Height = height;
        Left = left;
        Top = top;
        Advance = advance;
        _coverage = coverage;
    }

    /// <summary>FreeType's glyph index in its face, for kerning.</summary>
    internal uint Index { get; }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Pixels from the pen's x to the bitmap's left column (may be negative).</summary>
    public int Left { get; }

    /// <summary>Pixels from the baseline up to the bitmap's top row (negative when it starts below).</summary>
    public int Top { get; }

    /// <summary>Pixels the pen moves right after this glyph.</summary>
    public int Advance { get; }

    /// <summary>
    /// Coverage 0 (none) to 255 (full), row-major, Width * Height bytes, no padding. Read-only
    /// because the instance is shared by the font's cache.
    /// </summary>
    public ReadOnlySpan<byte> Coverage => _coverage;
}
