using StageBox.Hal;
using StageBox.Media.Native;

namespace StageBox.Media.Fonts;

/// <summary>A font that cannot be found, opened or rendered; the message names the file and the fault.</summary>
public sealed class FontException(string path, string message, int freeTypeError = 0) : UserFacingException(message)
{
    public string Path { get; } = path;

    /// <summary>FreeType's error code (fterrdef.h) when FreeType reported the fault, else 0.</summary>
    public int FreeTypeError { get; } = freeTypeError;

    internal static FontException FromFreeType(string path, string action, int error) =>
        new(path, $"font file {path}: {action} failed: FreeType error 0x{error:X2} ({FreeType.ErrorText(error)})", error);
}
