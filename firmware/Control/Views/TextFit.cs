using StageBox.Media.Fonts;

namespace StageBox.Control.Views;

/// <summary>
/// The longest start of a text that fits a width, found by halving: about log2(length)
/// measurements instead of one per character cut off. Cutting a character at a time took
/// 3.9 s a frame for an 8,000-character title (issue 24); validation caps titles now, and this
/// keeps any text the screen is handed, however long, to a few measurements.
/// </summary>
public static class TextFit
{
    /// <summary>
    /// How many chars of <paramref name="text"/> fit in <paramref name="room"/> pixels, never
    /// ending inside a surrogate pair (a lone high surrogate at the very end measures as U+FFFD, as Measure has it). Kerning can make a longer start narrower by a pixel or
    /// two; the search finds a start that fits, not necessarily the very longest in such a tie.
    /// </summary>
    public static int LongestStart<TMeasure>(ReadOnlySpan<char> text, int room, TMeasure font) where TMeasure : ITextMeasure
    {
        int fits = 0, tooLong = text.Length + 1;
        while (tooLong - fits > 1)
        {
            int middle = fits + (tooLong - fits) / 2;
            // A cut between the halves of a surrogate pair would measure a lone half; measure the whole character.
            int cut = char.IsHighSurrogate(text[middle - 1]) && middle < text.Length ? middle + 1 : middle;
            if (font.Measure(text[..cut]) <= room) fits = cut;
            else tooLong = middle;
        }
        return fits;
    }
}
