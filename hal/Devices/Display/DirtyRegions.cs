namespace StageBox.Hal.Display;

/// <summary>
/// Finds what changed between the frame the panel shows and the next one, as a few rectangles
/// that cover every changed pixel and little else: the frame is cut into bands of
/// <see cref="BandHeight"/> rows, runs of changed tiles in a band become one rectangle each,
/// and each rectangle is shrunk to the changed pixels inside it. Allocates nothing once the
/// result list has grown to its working size.
/// </summary>
public static class DirtyRegions
{
    public const int TileWidth = 16, BandHeight = 16;

    public static void Find(FrameBuffer shown, FrameBuffer next, List<PixelRect> changed)
    {
        if (shown.Width != next.Width || shown.Height != next.Height)
            throw new ArgumentException($"frames differ in size: {shown.Width}x{shown.Height} and {next.Width}x{next.Height}");
        changed.Clear();
        for (int bandTop = 0; bandTop < next.Height; bandTop += BandHeight)
        {
            int bandHeight = Math.Min(BandHeight, next.Height - bandTop);
            int runStart = -1;
            for (int tileX = 0; tileX <= next.Width; tileX += TileWidth)
            {
                bool dirty = tileX < next.Width && TileDiffers(shown, next, new PixelRect(tileX, bandTop, Math.Min(TileWidth, next.Width - tileX), bandHeight));
                if (dirty && runStart < 0) runStart = tileX;
                if (!dirty && runStart >= 0)
                {
                    changed.Add(Shrink(shown, next, new PixelRect(runStart, bandTop, tileX - runStart, bandHeight)));
                    runStart = -1;
                }
            }
        }
    }

    private static bool TileDiffers(FrameBuffer shown, FrameBuffer next, PixelRect tile)
    {
        for (int y = tile.Y; y < tile.Bottom; y++)
            if (!shown.Row(y).Slice(tile.X, tile.Width).SequenceEqual(next.Row(y).Slice(tile.X, tile.Width))) return true;
        return false;
    }

    /// <summary>The bounding box of the pixels that differ inside <paramref name="area"/> (which has at least one).</summary>
    private static PixelRect Shrink(FrameBuffer shown, FrameBuffer next, PixelRect area)
    {
        int top = int.MaxValue, bottom = -1, left = int.MaxValue, right = -1;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            ReadOnlySpan<ushort> before = shown.Row(y).Slice(area.X, area.Width), after = next.Row(y).Slice(area.X, area.Width);
            int first = before.CommonPrefixLength(after);
            if (first == area.Width) continue;
            int last = area.Width - 1;
            while (before[last] == after[last]) last--;
            top = Math.Min(top, y);
            bottom = y;
            left = Math.Min(left, area.X + first);
            right = Math.Max(right, area.X + last);
        }
        return new PixelRect(left, top, right - left + 1, bottom - top + 1);
    }
}
