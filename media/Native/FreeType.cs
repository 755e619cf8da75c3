using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StageBox.Media.Native;

/// <summary>
/// libfreetype (Debian's libfreetype6): opens TrueType faces and renders anti-aliased glyphs.
/// FreeType hands out pointers to its own records (FT_FaceRec, FT_SizeRec, FT_GlyphSlotRec);
/// they are read in place through the explicit layouts below, which declare only the fields
/// the fonts read. The offsets are those of 64-bit Linux (LP64: FT_Long, FT_Pos and pointers
/// 8 bytes, FT_Int and FT_UInt 4), the firmware's targets (arm64, x86-64): they were printed
/// with offsetof() by a C program built against Debian 12's libfreetype-dev 2.12.1 headers on
/// x86-64, and arm64 lays these records out by the same natural-alignment rules. FreeType
/// keeps these public records stable across 2.x, and Font checks two of them (the size's
/// pixels per em and the slot's face) each time it opens a face, so a different layout is an
/// error at start rather than garbage on screen.
/// </summary>
internal static unsafe partial class FreeType
{
    public const string Library = "libfreetype.so.6";

    public const int LoadRender = 0x4;            // FT_LOAD_RENDER: load and render in one call
    public const int LoadTargetLight = 0x10000;   // FT_LOAD_TARGET_LIGHT: FT_LOAD_TARGET_(FT_RENDER_MODE_LIGHT)
    public const long FaceFlagKerning = 0x40;     // FT_FACE_FLAG_KERNING: the face has a 'kern' table
    public const uint KerningDefault = 0;         // FT_KERNING_DEFAULT: scaled and grid-fitted
    public const byte PixelModeGray = 2;          // FT_PIXEL_MODE_GRAY: one byte of coverage per pixel

    /// <summary>FT_FaceRec (FreeType's whole record is 248 bytes; only these fields are read).</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct FaceRec
    {
        [FieldOffset(16)] public long FaceFlags;       // FT_Long face_flags
        [FieldOffset(152)] public GlyphSlotRec* Glyph; // FT_GlyphSlot glyph: the one slot glyphs load into
        [FieldOffset(160)] public SizeRec* Size;       // FT_Size size: the active size
    }

    /// <summary>FT_SizeRec; its FT_Size_Metrics metrics starts at 24 (after face and generic).</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct SizeRec
    {
        [FieldOffset(26)] public ushort YPpem;    // metrics.y_ppem (metrics + 2): pixels per em
        [FieldOffset(48)] public long Ascender;   // metrics.ascender (metrics + 24), 26.6 pixels
        [FieldOffset(56)] public long Descender;  // metrics.descender (metrics + 32), 26.6, negative
        [FieldOffset(64)] public long Height;     // metrics.height (metrics + 40), 26.6: baseline to baseline
    }

    /// <summary>FT_GlyphSlotRec (only these fields are read).</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct GlyphSlotRec
    {
        [FieldOffset(8)] public FaceRec* Face;    // FT_Face face: the face owning the slot
        [FieldOffset(128)] public long AdvanceX;  // advance.x (FT_Vector at 128), 26.6 pixels
        [FieldOffset(152)] public Bitmap Bitmap;  // FT_Bitmap bitmap (40 bytes)
        [FieldOffset(192)] public int BitmapLeft; // FT_Int bitmap_left: pen x to the bitmap's left column
        [FieldOffset(196)] public int BitmapTop;  // FT_Int bitmap_top: baseline up to the bitmap's top row
    }

    /// <summary>FT_Bitmap, complete (40 bytes).</summary>
    [StructLayout(LayoutKind.Explicit)]
    public struct Bitmap
    {
        [FieldOffset(0)] public uint Rows;        // unsigned int rows
        [FieldOffset(4)] public uint Width;       // unsigned int width, in pixels
        [FieldOffset(8)] public int Pitch;        // int pitch: bytes from one row to the next, negative when bottom-up
        [FieldOffset(16)] public byte* Buffer;    // unsigned char* buffer
        [FieldOffset(24)] public ushort NumGrays;  // unsigned short num_grays
        [FieldOffset(26)] public byte PixelMode;  // unsigned char pixel_mode
        [FieldOffset(27)] public byte PaletteMode;
        [FieldOffset(32)] public nint Palette;
    }

    /// <summary>FT_Vector: two FT_Pos.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Vector
    {
        public long X;
        public long Y;
    }

    /// <summary>
    /// An FT_Library. Releasing it with FT_Done_FreeType also frees every face opened from it,
    /// so a font owns one library per face and needs no FT_Done_Face of its own.
    /// </summary>
    public sealed class LibraryHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
    {
        protected override bool ReleaseHandle() => DoneFreeType(handle) == 0;
    }

    [LibraryImport(Library, EntryPoint = "FT_Init_FreeType")]
    public static partial int InitFreeType(out LibraryHandle library);

    [LibraryImport(Library, EntryPoint = "FT_Done_FreeType")]
    private static partial int DoneFreeType(nint library);

    /// <summary>FT_New_Face selects the face's Unicode charmap when it has one, as DejaVu's do.</summary>
    [LibraryImport(Library, EntryPoint = "FT_New_Face", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NewFace(LibraryHandle library, string path, CLong faceIndex, out FaceRec* face);

    [LibraryImport(Library, EntryPoint = "FT_Set_Pixel_Sizes")]
    public static partial int SetPixelSizes(FaceRec* face, uint pixelWidth, uint pixelHeight);

    /// <returns>The glyph index, 0 (.notdef) when the face has no glyph for the character.</returns>
    [LibraryImport(Library, EntryPoint = "FT_Get_Char_Index")]
    public static partial uint GetCharIndex(FaceRec* face, CULong charCode);

    [LibraryImport(Library, EntryPoint = "FT_Load_Glyph")]
    public static partial int LoadGlyph(FaceRec* face, uint glyphIndex, int loadFlags);

    /// <summary>Reads the 'kern' table only: kerning that lives in GPOS alone is not seen.</summary>
    [LibraryImport(Library, EntryPoint = "FT_Get_Kerning")]
    public static partial int GetKerning(FaceRec* face, uint leftGlyph, uint rightGlyph, uint kernMode, Vector* kerning);

    /// <summary>
    /// The name of a FreeType error code, from fterrdef.h. FT_Error_String would give it, but
    /// Debian builds FreeType without FT_CONFIG_OPTION_ERROR_STRINGS, so it returns NULL there.
    /// </summary>
    public static string ErrorText(int error) => error switch
    {
        0x01 => "cannot open resource",
        0x02 => "unknown file format",
        0x03 => "broken file",
        0x06 => "invalid argument",
        0x07 => "unimplemented feature",
        0x08 => "broken table",
        0x10 => "invalid glyph index",
        0x12 => "unsupported glyph image format",
        0x13 => "cannot render glyph",
        0x14 => "invalid outline",
        0x17 => "invalid pixel size",
        0x40 => "out of memory",
        0x51 => "cannot open stream",
        _ => "see fterrdef.h",
    };
}
