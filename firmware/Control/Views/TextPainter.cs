using System.Text;
using StageBox.Hal.Display;
using StageBox.Media.Fonts;

namespace StageBox.Control.Views;

/// <summary>
/// Draws anti-aliased text into a frame: each glyph's coverage blended over what is already
/// there, kerned, clipped to the frame, and cut with an ellipsis when it would not fit.
/// </summary>
public static class TextPainter
{
    private const string Ellipsis = "…";

    /// <summary>Draws <paramref name="text"/> with its pen starting at <paramref name="x"/> on <paramref name="baseline"/>; returns the pen's advance.</summary>
    public static int Draw(FrameBuffer frame, Font font, ReadOnlySpan<char> text, int x, int baseline, ushort colour, int maxWidth = int.MaxValue)
    {
        if (font.Measure(text) > maxWidth) return DrawCut(frame, font, text, x, baseline, colour, maxWidth);
        int pen = x;
        Rune previous = default;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (previous.Value != 0) pen += font.Kerning(previous, rune);
            Glyph glyph = font.GetGlyph(rune);
            Blit(frame, glyph, pen + glyph.Left, baseline - glyph.Top, colour);
            pen += glyph.Advance;
            previous = rune;
        }
        return pen - x;
    }

    /// <summary>Draws the text so its pen ends at <paramref name="right"/>.</summary>
    public static void DrawRight(FrameBuffer frame, Font font, ReadOnlySpan<char> text, int right, int baseline, ushort colour) =>
        Draw(frame, font, text, right - font.Measure(text), baseline, colour);

    /// <summary>Draws the text centred on <paramref name="centre"/>.</summary>
    public static void DrawCentred(FrameBuffer frame, Font font, ReadOnlySpan<char> text, int centre, int baseline, ushort colour) =>
        Draw(frame, font, text, centre - font.Measure(text) / 2, baseline, colour);

    /// <summary>The longest start of the text that fits with an ellipsis after it.</summary>
    private static int DrawCut(FrameBuffer frame, Font font, ReadOnlySpan<char> text, int x, int baseline, ushort colour, int maxWidth)
    {
        int length = TextFit.LongestStart(text, maxWidth - font.Measure(Ellipsis), font);
        int width = Draw(frame, font, text[..length].TrimEnd(), x, baseline, colour);
        return width + Draw(frame, font, Ellipsis, x + width, baseline, colour);
    }

    private static void Blit(FrameBuffer frame, Glyph glyph, int left, int top, ushort colour)
    {
        ReadOnlySpan<byte> coverage = glyph.Coverage;
        for (int row = 0; row < glyph.Height; row++)
        {
            int y = top + row;
            if ((uint)y >= (uint)frame.Height) continue;
            Span<ushort> pixels = frame.Row(y);
            for (int column = 0; column < glyph.Width; column++)
            {
                int x = left + column;
                byte alpha = coverage[row * glyph.Width + column];
                if (alpha != 0 && (uint)x < (uint)frame.Width) pixels[x] = Rgb565.Blend(pixels[x], colour, alpha);
            }
        }
    }
}
