using System.Text;
using StageBox.Media.Fonts;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Media.Fonts;

public sealed class FontTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Font _sans = Font.Open(FontFiles.Sans, 100);

    public void Dispose()
    {
        _sans.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Digit_8_at_120_px_is_about_the_cap_height_of_DejaVu_Sans_Bold()
    {
        using Font bold = Font.Open(FontFiles.SansBold, 120);
        double capHeight = 0.729 * 120; // 87.5

        Glyph eight = bold.GetGlyph('8');

        // Round digits overshoot the cap height a little above and below.
        Assert.InRange(eight.Height, capHeight - 1, capHeight * 1.06);
        Assert.InRange(eight.Top, capHeight - 1, capHeight * 1.04);
        Assert.InRange(eight.Width, 0.45 * 120, 0.6 * 120);
    }

    [Fact]
    public void Coverage_is_anti_aliased()
    {
        Glyph eight = _sans.GetGlyph('8');

        byte[] coverage = eight.Coverage.ToArray();
        Assert.Equal(eight.Width * eight.Height, coverage.Length);
        Assert.Contains((byte)0, coverage);
        Assert.Contains((byte)255, coverage);
        Assert.True(coverage.Count(c => c is > 0 and < 255) > 50, "too few grey edge pixels");
    }

    [Fact]
    public void A_space_advances_without_ink()
    {
        Glyph space = _sans.GetGlyph(' ');

        Assert.Equal(0, space.Width);
        Assert.Equal(0, space.Height);
        Assert.True(space.Coverage.IsEmpty);
        Assert.Equal(32, space.Advance); // 651 / 2048 * 100 = 31.8
    }

    [Fact]
    public void A_and_V_kern_together_in_DejaVu_Sans()
    {
        // DejaVu Sans carries a 'kern' table besides GPOS, so FT_Get_Kerning sees its pairs.
        Assert.True(_sans.HasKerning);
        Assert.InRange(_sans.Kerning('A', 'V'), -10, -1);
        Assert.Equal(0, _sans.Kerning('H', 'H'));
    }

    [Fact]
    public void The_monospaced_face_has_no_kerning()
    {
        using Font mono = Font.Open(FontFiles.SansMonoBold, 100);

        Assert.False(mono.HasKerning);
        Assert.Equal(0, mono.Kerning('A', 'V'));
        Assert.Equal(mono.GetGlyph('1').Advance, mono.GetGlyph('W').Advance);
    }

    [Fact]
    public void Measure_of_11_is_twice_the_advance_of_1()
    {
        Assert.Equal(2 * _sans.GetGlyph('1').Advance, _sans.Measure("11"));
    }

    [Fact]
    public void Measure_adds_the_kerning_between_neighbours()
    {
        int advances = _sans.GetGlyph('A').Advance + _sans.GetGlyph('V').Advance;

        Assert.Equal(advances + _sans.Kerning('A', 'V'), _sans.Measure("AV"));
        Assert.True(_sans.Measure("AV") < advances);
        Assert.Equal(0, _sans.Measure(""));
    }

    [Fact]
    public void A_character_the_face_lacks_draws_as_the_question_mark()
    {
        Glyph question = _sans.GetGlyph('?');

        Assert.Same(question, _sans.GetGlyph('\u4E2D')); // a CJK ideograph: not in DejaVu Sans
        Assert.Equal(question.Advance, _sans.Measure("\u4E2D"));
    }

    [Fact]
    public void A_character_beyond_the_BMP_is_one_glyph()
    {
        Glyph grin = _sans.GetGlyph(new Rune(0x1F600)); // DejaVu Sans has the emoticons block

        Assert.NotSame(_sans.GetGlyph('?'), grin);
        Assert.Equal(grin.Advance, _sans.Measure("\U0001F600"));
        Assert.Same(_sans.GetGlyph(Rune.ReplacementChar), _sans.GetGlyph('\uD83D')); // a lone surrogate
    }

    [Fact]
    public void A_glyph_is_rendered_once_and_cached()
    {
        Assert.Same(_sans.GetGlyph('8'), _sans.GetGlyph('8'));
        Assert.Same(_sans.GetGlyph('8'), _sans.GetGlyph(new Rune('8')));
    }

    [Fact]
    public void Prepared_glyphs_draw_without_allocating()
    {
        _sans.Prepare(Font.PrintableAscii);
        DrawTime(_sans); // first call: JIT

        long allocated = Allocations.During(() => DrawTime(_sans));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_missing_font_file_is_named()
    {
        string path = _temp.File("missing.ttf");

        var error = Assert.Throws<FontException>(() => Font.Open(path, 20));

        Assert.Equal($"font file {path} not found", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_file_that_is_not_a_font_gets_FreeTypes_error_naming_the_file()
    {
        string path = _temp.File("notes.ttf");
        File.WriteAllText(path, "this is a set list, not a font\n");

        var error = Assert.Throws<FontException>(() => Font.Open(path, 20));

        Assert.Equal(2, error.FreeTypeError);
        Assert.Equal($"font file {path}: opening it as a font failed: FreeType error 0x02 (unknown file format)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(Font.MaxPixelHeight + 1)]
    public void A_pixel_height_out_of_range_is_refused(int pixelHeight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Font.Open(FontFiles.Sans, pixelHeight));
    }

    [Fact]
    public void A_disposed_font_refuses_to_draw()
    {
        Font font = Font.Open(FontFiles.Sans, 20);
        font.Dispose();
        font.Dispose();

        Assert.Throws<ObjectDisposedException>(() => font.GetGlyph('A'));
    }

    /// <summary>What the UI thread does every frame for a time display.</summary>
    private static void DrawTime(Font font)
    {
        const string time = "12:34 -03:07";
        int sum = 0;
        foreach (char c in time)
            sum += font.GetGlyph(c).Coverage.Length;
        sum += font.Measure(time) + font.Kerning('A', 'V');
        Assert.True(sum > 0);
    }
}
