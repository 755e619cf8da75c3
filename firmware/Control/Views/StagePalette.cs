using StageBox.Hal.Display;

namespace StageBox.Control.Views;

/// <summary>
/// The stage screen's colours: light on black, so the panel does not light up the stage, with
/// one strong colour per meaning (red: accent and danger, amber: count-in and warnings, green:
/// playing, cyan: segue, blue: the setlist cursor and imports).
/// </summary>
public static class StagePalette
{
    public static readonly ushort Background = Rgb565.FromHex(0x000000);
    public static readonly ushort Text = Rgb565.FromHex(0xF2F2F2);
    public static readonly ushort Dim = Rgb565.FromHex(0x9A9AA0);
    public static readonly ushort Faint = Rgb565.FromHex(0x3A3A3E);
    public static readonly ushort Panel = Rgb565.FromHex(0x1C1C1E);
    public static readonly ushort Accent = Rgb565.FromHex(0xFF3B30);
    public static readonly ushort GroupAccent = Rgb565.FromHex(0xFFB000);
    public static readonly ushort Beat = Rgb565.FromHex(0x34C759);
    public static readonly ushort Playing = Rgb565.FromHex(0x34C759);
    public static readonly ushort CountIn = Rgb565.FromHex(0xFFB000);
    public static readonly ushort Segue = Rgb565.FromHex(0x32D2F0);
    public static readonly ushort Cursor = Rgb565.FromHex(0x0A60D0);
    public static readonly ushort Import = Rgb565.FromHex(0x0A84FF);
    public static readonly ushort Danger = Rgb565.FromHex(0xD70015);
    public static readonly ushort Warning = Rgb565.FromHex(0xC77C00);
    public static readonly ushort Black = Rgb565.FromHex(0x000000);
}
