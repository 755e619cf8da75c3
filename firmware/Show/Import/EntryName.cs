using System.Globalization;
using System.Text;

namespace StageBox.Show.Import;

/// <summary>
/// The names a show on a stick may use for its folders and files: letters and digits of any
/// script, spaces and a few harmless marks. Anything else (control characters, shell and
/// Windows metacharacters, bytes that are not UTF-8) is refused before the box touches it, so
/// every name it stores can be shown on the display, logged and typed by a technician.
/// </summary>
public static class EntryName
{
    public const int MaxBytes = 120;
    private const string AllowedMarks = " -_.,()&'+!#[]@";

    /// <summary>Hidden entries (macOS's "._x" twins, .Trashes, .DS_Store) are skipped, not refused.</summary>
    public static bool IsHidden(string name) => name.StartsWith('.');

    /// <summary>Why <paramref name="name"/> cannot be imported, or null when it can.</summary>
    public static string? Problem(string name)
    {
        // .NET decodes a file name's invalid UTF-8 bytes as U+FFFD.
        if (name.Contains('\uFFFD')) return "the name is not valid UTF-8 (it was probably written by an old system in another encoding)";
        if (Encoding.UTF8.GetByteCount(name) > MaxBytes) return $"the name is longer than {MaxBytes} bytes";
        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c) || AllowedMarks.Contains(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                continue;
            string shown = char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
            return $"the name holds the character {shown}; names may use letters, digits, spaces and {AllowedMarks.Trim()}";
        }
        return name.EndsWith(' ') || name.StartsWith(' ') ? "the name starts or ends with a space" : null;
    }
}
