namespace StageBox.Media.Fonts;

/// <summary>How wide a piece of text is, in pixels of pen advance; what fitting text to a width needs of a font.</summary>
public interface ITextMeasure
{
    int Measure(ReadOnlySpan<char> text);
}
