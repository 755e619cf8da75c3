using StageBox.Control.Views;
using StageBox.Media.Fonts;

namespace StageBox.Tests.Control.Views;

/// <summary>Fitting a text to the screen takes a few measurements however long it is, and finds the same cut as measuring every length.</summary>
public sealed class TextFitTests
{
    /// <summary>Every character 7 px wide; counts how often it is asked.</summary>
    private sealed class CountingMonospace : ITextMeasure
    {
        public int Calls { get; private set; }

        public int Measure(ReadOnlySpan<char> text)
        {
            Calls++;
            return 7 * text.Length;
        }
    }

    [Fact]
    public void An_8000_character_title_is_fitted_with_about_log2_of_its_length_measurements()
    {
        var font = new CountingMonospace();

        int fits = TextFit.LongestStart(new string('W', 8_000), room: 300, font);

        Assert.Equal(42, fits);
        Assert.InRange(font.Calls, 1, (int)Math.Ceiling(Math.Log2(8_001)));
    }

    [Theory]
    [InlineData("Midnight Drive (Extended Live Version Recorded at the Harbour, 1987)")]
    [InlineData("AVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAVAV To Wa Ye")]
    [InlineData("guitar \U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8\U0001F3B8 solo and more")]
    [InlineData("short")]
    public void The_cut_is_where_measuring_every_length_puts_it(string title)
    {
        using Font font = Font.Open(FontFiles.SansBold, 19);
        const int room = 150;

        int fits = TextFit.LongestStart(title, room, font);

        int linear = title.Length;
        while (linear > 0 && (char.IsHighSurrogate(title[linear - 1]) || font.Measure(title.AsSpan(0, linear)) > room)) linear--;
        Assert.Equal(linear, fits);
    }
}
