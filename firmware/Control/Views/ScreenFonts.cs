using StageBox.Media.Fonts;

namespace StageBox.Control.Views;

/// <summary>
/// The stage screen's typefaces, DejaVu from Debian's fonts-dejavu-core: monospaced bold for the
/// numbers (the digits keep their places as they change), sans for words. Opened once and
/// prepared with the characters the screen draws most, so steady drawing renders no glyph.
/// </summary>
public sealed class ScreenFonts : IDisposable
{
    /// <summary>Pixel size of the bar number: DejaVu's digits stand 0.729 em, so at 134 px they are 97 px tall, readable across a stage.</summary>
    public const int BarPixelSize = 134;

    public ScreenFonts()
    {
        Bar = Font.Open(FontFiles.SansMonoBold, BarPixelSize);
        Beat = Font.Open(FontFiles.SansMonoBold, 64);
        Title = Font.Open(FontFiles.SansBold, 19);
        Heading = Font.Open(FontFiles.SansBold, 18);
        Body = Font.Open(FontFiles.Sans, 15);
        Small = Font.Open(FontFiles.SansBold, 11);
        const string digits = "0123456789-";
        Bar.Prepare(digits);
        Beat.Prepare(digits);
        foreach (Font words in new[] { Title, Heading, Body, Small }) words.Prepare(Font.PrintableAscii);
    }

    public Font Bar { get; }
    public Font Beat { get; }
    public Font Title { get; }
    public Font Heading { get; }
    public Font Body { get; }
    public Font Small { get; }

    public void Dispose()
    {
        foreach (Font font in new[] { Bar, Beat, Title, Heading, Body, Small }) font.Dispose();
    }
}
