using System.Text.RegularExpressions;

namespace StageBox.Show.Init;

/// <summary>
/// A song's title from its folder name, as a technician would type it: separators become
/// spaces and a tempo in the name is dropped, but the capitalisation is the user's own
/// ("midnight_drive" stays lower case; "AC-DC" becomes "AC DC" rather than guessing).
/// </summary>
public static partial class SongTitle
{
    [GeneratedRegex(@"\(\s*\)|\[\s*\]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static string FromFolderName(string folderName)
    {
        string spaced = TempoInName.Remove(folderName).Replace('_', ' ').Replace('-', ' ');
        string title = Spaces().Replace(EmptyBrackets().Replace(spaced, " "), " ").Trim();
        return title.Length > 0 ? title : folderName;
    }
}
