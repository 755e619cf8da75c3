using System.Runtime.InteropServices;
using System.Text;
using StageBox.Media.Native;

namespace StageBox.Media.Fonts;

/// <summary>
/// One font face at one pixel size: metrics, kerning and anti-aliased glyphs rendered by
/// FreeType, each rendered once and cached. Call <see cref="Prepare"/> with the characters a
/// view draws so that steady-state drawing renders and allocates nothing.
/// A Font is used from one thread (the UI thread): neither the cache nor the FreeType face
/// behind it is thread-safe. Each Font owns its own FreeType library instance, so two fonts
/// never share FreeType state.
/// </summary>
public sealed unsafe class Font : ITextMeasure, IDisposable
{
    /// <summary>Space to tilde: what a song title, a tempo or a time is mostly made of.</summary>
    public const string PrintableAscii =
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    /// <summary>Twice the display's width: anything larger is a mistake, and a glyph's bitmap stays small.</summary>
    public const int MaxPixelHeight = 640;

    /// <summary>
    /// Light hinting snaps glyphs to the pixel grid vertically only: baselines, cap and x-height
    /// land on whole pixels, so digits share crisp top and bottom edges, while horizontal
    /// shapes and spacing keep the design's proportions, which suits grey-level rendering
    /// (FreeType's own advice for anti-aliased text). NORMAL would also run the font's
    /// horizontal hints, made for black-and-white rendering, for no gain on a 320x240 panel.
    /// </summary>
    private const int LoadFlags = FreeType.LoadRender | FreeType.LoadTargetLight;

    private readonly FreeType.LibraryHandle _library;
    private readonly FreeType.FaceRec* _face;
    private readonly bool _hasKerning;
    private readonly Dictionary<Rune, Glyph> _glyphs = [];
    private Glyph? _missing;

    private Font(string path, int pixelHeight, FreeType.LibraryHandle library, FreeType.FaceRec* face)
    {
        Path = path;
        PixelHeight = pixelHeight;
        _library = library;
        _face = face;
        _hasKerning = (face->FaceFlags & FreeType.FaceFlagKerning) != 0;
        // FreeType rounds a scalable face's size metrics to whole pixels already.
        Ascender = Pixels(face->Size->Ascender);
        Descender = Pixels(face->Size->Descender);
        LineHeight = Pixels(face->Size->Height);
    }

    public string Path { get; }

    /// <summary>The em size in pixels, as given to FT_Set_Pixel_Sizes (not the line height).</summary>
    public int PixelHeight { get; }

    /// <summary>Pixels from the baseline up to the top of the tallest glyphs.</summary>
    public int Ascender { get; }

    /// <summary>Pixels from the baseline down to the bottom of the descenders: negative, as in FreeType.</summary>
    public int Descender { get; }

    /// <summary>Pixels from one baseline to the next.</summary>
    public int LineHeight { get; }

    /// <summary>
    /// Whether the face has a 'kern' table, the only kerning FreeType's FT_Get_Kerning reads
    /// (DejaVu Sans and Sans Bold have one besides GPOS; the monospaced faces have none).
    /// </summary>
    public bool HasKerning => _hasKerning;

    /// <summary>Opens the face in <paramref name="path"/> at an em size of <paramref name="pixelHeight"/> pixels.</summary>
    public static Font Open(string path, int pixelHeight)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("fonts read FreeType's records at their 64-bit Linux offsets");
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelHeight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelHeight, MaxPixelHeight);
        if (!File.Exists(path))
            throw new FontException(path, $"font file {path} not found");

        FreeType.LibraryHandle library = StartFreeType(path);
        try
        {
            int error = FreeType.NewFace(library, path, new CLong(0), out FreeType.FaceRec* face);
            if (error != 0)
                throw FontException.FromFreeType(path, "opening it as a font", error);
            error = FreeType.SetPixelSizes(face, 0, (uint)pixelHeight);
            if (error != 0)
                throw FontException.FromFreeType(path, $"setting the size to {pixelHeight} px", error);
            if (face->Size->YPpem != pixelHeight || face->Glyph->Face != face)
                throw new FontException(path, $"font file {path}: {FreeType.Library} does not lay out its records as 64-bit Linux FreeType 2 does; StageBox cannot read it");
            return new Font(path, pixelHeight, library, face);
        }
        catch
        {
            library.Dispose();
            throw;
        }
    }

    /// <summary>The glyph for <paramref name="c"/>; a lone surrogate draws as U+FFFD, as in <see cref="Measure"/>.</summary>
    public Glyph GetGlyph(char c) => GetGlyph(Rune.TryCreate(c, out Rune rune) ? rune : Rune.ReplacementChar);

    /// <summary>The glyph for <paramref name="rune"/>, rendered on first use; a character the face lacks draws as '?'.</summary>
    public Glyph GetGlyph(Rune rune)
    {
        ObjectDisposedException.ThrowIf(_library.IsClosed, this);
        if (_glyphs.TryGetValue(rune, out Glyph? glyph))
            return glyph;
        uint index = FreeType.GetCharIndex(_face, new CULong((uint)rune.Value));
        glyph = index == 0 ? Missing() : Render(index, rune);
        _glyphs.Add(rune, glyph);
        return glyph;
    }

    /// <summary>Renders and caches every character of <paramref name="characters"/> now, so drawing them later allocates nothing.</summary>
    public void Prepare(ReadOnlySpan<char> characters)
    {
        foreach (Rune rune in characters.EnumerateRunes())
            GetGlyph(rune);
    }

    /// <summary>Pixels to add to the pen between <paramref name="left"/> and <paramref name="right"/>: negative pulls them together.</summary>
    public int Kerning(char left, char right) => Kerning(GetGlyph(left), GetGlyph(right));

    public int Kerning(Rune left, Rune right) => Kerning(GetGlyph(left), GetGlyph(right));

    /// <summary>
    /// How far the pen moves over <paramref name="text"/>: the advances plus the kerning between
    /// neighbours. The ink may reach past it by the first glyph's Left and the last one's overhang.
    /// </summary>
    public int Measure(ReadOnlySpan<char> text)
    {
        int width = 0;
        Glyph? previous = null;
        foreach (Rune rune in text.EnumerateRunes())
        {
            Glyph glyph = GetGlyph(rune);
            if (previous is not null)
                width += Kerning(previous, glyph);
            width += glyph.Advance;
            previous = glyph;
        }
        return width;
    }

    public void Dispose() => _library.Dispose();

    private int Kerning(Glyph left, Glyph right)
    {
        if (!_hasKerning)
            return 0;
        FreeType.Vector kerning;
        int error = FreeType.GetKerning(_face, left.Index, right.Index, FreeType.KerningDefault, &kerning);
        if (error != 0)
            throw FontException.FromFreeType(Path, $"reading the kerning of glyphs {left.Index} and {right.Index}", error);
        return Pixels(kerning.X);
    }

    /// <summary>The glyph every missing character shares: '?', or the face's .notdef when even '?' is missing.</summary>
    private Glyph Missing()
    {
        if (_missing is null)
        {
            var question = new Rune('?');
            uint index = FreeType.GetCharIndex(_face, new CULong((uint)question.Value));
            _missing = index == 0 ? Render(0, question) : GetGlyph(question);
        }
        return _missing;
    }

    private Glyph Render(uint index, Rune rune)
    {
        int error = FreeType.LoadGlyph(_face, index, LoadFlags);
        if (error != 0)
            throw FontException.FromFreeType(Path, $"rendering U+{rune.Value:X4}", error);
        FreeType.GlyphSlotRec* slot = _face->Glyph;
        FreeType.Bitmap* bitmap = &slot->Bitmap;
        int width = (int)bitmap->Width;
        int height = (int)bitmap->Rows;
        if (width > 0 && height > 0 && bitmap->PixelMode != FreeType.PixelModeGray)
            throw new FontException(Path, $"font file {Path}: U+{rune.Value:X4} rendered in pixel mode {bitmap->PixelMode}, not 8-bit grey");

        var coverage = new byte[width * height];
        // A negative pitch means the rows are stored bottom-up: the buffer starts at the bottom row.
        byte* top = bitmap->Pitch >= 0 ? bitmap->Buffer : bitmap->Buffer - (long)bitmap->Pitch * (height - 1);
        for (int row = 0; row < height; row++)
            new ReadOnlySpan<byte>(top + (long)row * bitmap->Pitch, width).CopyTo(coverage.AsSpan(row * width, width));
        return new Glyph(index, width, height, slot->BitmapLeft, slot->BitmapTop, Pixels(slot->AdvanceX), coverage);
    }

    private static FreeType.LibraryHandle StartFreeType(string path)
    {
        try
        {
            int error = FreeType.InitFreeType(out FreeType.LibraryHandle library);
            if (error == 0)
                return library;
            library.Dispose();
            throw FontException.FromFreeType(path, "starting FreeType", error);
        }
        catch (DllNotFoundException)
        {
            throw new FontException(path, $"font file {path}: {FreeType.Library} not found; install Debian's libfreetype6");
        }
    }

    /// <summary>26.6 fixed point to whole pixels, rounding half up.</summary>
    private static int Pixels(long f26Dot6) => (int)((f26Dot6 + 32) >> 6);
}
