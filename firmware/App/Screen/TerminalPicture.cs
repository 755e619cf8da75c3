using System.Text;
using StageBox.Hal.Display;

namespace StageBox.App.Screen;

/// <summary>
/// Shows a frame in a 24-bit colour terminal with upper-half blocks: each character cell is two
/// pixels, the top one as foreground, the bottom one as background. The frame is shrunk by the
/// smallest whole factor that fits the room given, averaging each square of pixels.
/// </summary>
internal static class TerminalPicture
{
    private const char UpperHalf = '▀';

    public static int ScaleFor(FrameBuffer frame, int columns, int rows) =>
        Math.Max(1, Math.Max(Ceiling(frame.Width, columns), Ceiling(frame.Height, 2 * rows)));

    /// <summary>The escape sequences drawing <paramref name="frame"/> at 1/<paramref name="scale"/> size, one line per text row.</summary>
    public static string Render(FrameBuffer frame, int scale)
    {
        int columns = frame.Width / scale, rows = frame.Height / scale / 2;
        var text = new StringBuilder(columns * rows * 24);
        for (int row = 0; row < rows; row++)
        {
            int lastTop = -1, lastBottom = -1;
            for (int column = 0; column < columns; column++)
            {
                int top = Average(frame, column * scale, 2 * row * scale, scale), bottom = Average(frame, column * scale, (2 * row + 1) * scale, scale);
                if (top != lastTop) text.Append($"\u001b[38;2;{top >> 16};{(top >> 8) & 0xFF};{top & 0xFF}m");
                if (bottom != lastBottom) text.Append($"\u001b[48;2;{bottom >> 16};{(bottom >> 8) & 0xFF};{bottom & 0xFF}m");
                text.Append(UpperHalf);
                (lastTop, lastBottom) = (top, bottom);
            }
            text.Append("\u001b[0m\n");
        }
        return text.ToString();
    }

    /// <summary>The mean colour of the <paramref name="scale"/>-sided square at (x, y), as 0xRRGGBB.</summary>
    private static int Average(FrameBuffer frame, int x, int y, int scale)
    {
        int red = 0, green = 0, blue = 0;
        for (int dy = 0; dy < scale; dy++)
            foreach (ushort pixel in frame.Row(y + dy).Slice(x, scale))
            {
                red += Rgb565.Red(pixel);
                green += Rgb565.Green(pixel);
                blue += Rgb565.Blue(pixel);
            }
        int count = scale * scale;
        return (red / count << 16) | (green / count << 8) | blue / count;
    }

    private static int Ceiling(int value, int divisor) => (value + divisor - 1) / Math.Max(1, divisor);
}
