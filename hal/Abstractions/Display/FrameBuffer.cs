namespace StageBox.Hal.Display;

/// <summary>
/// An RGB565 image, row-major, as the viewer sees it: what the stage screen is drawn into,
/// what the panel driver sends from, and what the panel emulator decodes into.
/// </summary>
public sealed class FrameBuffer
{
    public FrameBuffer(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new ushort[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public ushort[] Pixels { get; }
    public PixelRect Bounds => new(0, 0, Width, Height);

    public Span<ushort> Row(int y) => Pixels.AsSpan(y * Width, Width);

    public ushort this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    public void Fill(ushort colour) => Pixels.AsSpan().Fill(colour);

    /// <summary>Fills the part of <paramref name="area"/> that lies on the image.</summary>
    public void FillRect(PixelRect area, ushort colour)
    {
        PixelRect clipped = area.Intersect(Bounds);
        for (int y = clipped.Y; y < clipped.Bottom; y++) Row(y).Slice(clipped.X, clipped.Width).Fill(colour);
    }

    public void CopyTo(FrameBuffer other)
    {
        if (other.Width != Width || other.Height != Height)
            throw new ArgumentException($"cannot copy a {Width}x{Height} frame into a {other.Width}x{other.Height} one");
        Pixels.CopyTo(other.Pixels, 0);
    }
}
