using StageBox.Media.Fonts;

namespace StageBox.Tests.Media.Fonts;

/// <summary>
/// Pins the FreeType record offsets in media/Native/FreeType.cs through behaviour: a
/// wrong offset reads another field or another row, and these known DejaVu Sans figures
/// (2048 units per em: ascender 1901, descender -483, line 2384, cap height 1493, 'H'
/// advance 1540) stop matching. One offset escapes them: FreeType's 8-bit grey bitmaps have
/// no row padding, so FT_Bitmap's pitch equals its width and reading width in its place
/// would pass; that offset rests on the C check recorded in FreeType.cs.
/// </summary>
public sealed class FreeTypeLayoutTests : IDisposable
{
    private readonly Font _sans = Font.Open(FontFiles.Sans, 100);

    public void Dispose() => _sans.Dispose();

    [Fact]
    public void Size_metrics_at_100_px_are_DejaVu_Sans_design_metrics()
    {
        // FreeType rounds a scalable size's ascender up, its descender down and its line height to nearest.
        Assert.Equal(93, _sans.Ascender);   // 1901 / 2048 * 100 = 92.8
        Assert.Equal(-24, _sans.Descender); // -483 / 2048 * 100 = -23.6
        Assert.Equal(116, _sans.LineHeight); // 2384 / 2048 * 100 = 116.4
    }

    [Fact]
    public void Capital_H_at_100_px_stands_on_the_baseline_at_the_cap_height()
    {
        Glyph h = _sans.GetGlyph('H');

        // Light hinting snaps the cap height (1493 / 2048 * 100 = 72.9) to a whole pixel.
        Assert.Equal(73, h.Top);
        Assert.Equal(73, h.Height);
        Assert.Equal(75, h.Advance);           // 1540 / 2048 * 100 = 75.2
        Assert.InRange(h.Left, 8, 11);         // stem from 201 units = 9.8 px
        Assert.InRange(h.Width, 55, 59);       // stems span 201..1339 units = 55.6 px
        Assert.Equal(h.Width * h.Height, h.Coverage.Length);
    }

    [Fact]
    public void Capital_H_has_full_stems_on_both_sides_of_every_row()
    {
        Glyph h = _sans.GetGlyph('H');

        // Rows read at the wrong pitch would shear the stems across the bitmap.
        for (int row = 1; row < h.Height; row++)
        {
            ReadOnlySpan<byte> pixels = h.Coverage.Slice(row * h.Width, h.Width);
            Assert.True(pixels[h.Width / 8] == 255, $"row {row}: the left stem is not solid");
            Assert.True(pixels[h.Width - 1 - h.Width / 8] == 255, $"row {row}: the right stem is not solid");
        }
    }

    [Fact]
    public void A_vertical_bar_has_the_same_coverage_in_every_row()
    {
        Glyph bar = _sans.GetGlyph('|');

        Assert.True(bar.Height > 90, $"'|' is {bar.Height} px tall at 100 px");
        ReadOnlySpan<byte> first = bar.Coverage[..bar.Width];
        Assert.Contains((byte)255, first.ToArray());
        for (int row = 1; row < bar.Height; row++)
            Assert.True(first.SequenceEqual(bar.Coverage.Slice(row * bar.Width, bar.Width)), $"row {row} differs from row 0");
    }
}
