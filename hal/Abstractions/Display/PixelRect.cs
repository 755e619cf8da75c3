namespace StageBox.Hal.Display;

/// <summary>A rectangle of pixels: left and top inclusive, <see cref="Width"/> by <see cref="Height"/>.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width <= 0 || Height <= 0;
    public int Area => IsEmpty ? 0 : Width * Height;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    public PixelRect Intersect(PixelRect other)
    {
        int x = Math.Max(X, other.X), y = Math.Max(Y, other.Y);
        return new PixelRect(x, y, Math.Max(0, Math.Min(Right, other.Right) - x), Math.Max(0, Math.Min(Bottom, other.Bottom) - y));
    }

    public override string ToString() => $"{Width}x{Height} at ({X},{Y})";
}
