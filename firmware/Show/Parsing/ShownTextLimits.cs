namespace StageBox.Show.Parsing;

/// <summary>
/// How long the names the stage screen shows may be. The 320-pixel screen shows about 25
/// characters of a title and fewer of a section, cutting the rest with an ellipsis, so these are
/// far above any real name (the longest well-known song titles run to about 90 characters) while
/// keeping a hostile stick's 900 KB title out of the show: every frame measures what it draws.
/// </summary>
internal static class ShownTextLimits
{
    /// <summary>Song and setlist titles, and artists.</summary>
    public const int Title = 100;

    /// <summary>Section names are labels ("Verse 2", "Guitar solo (double)").</summary>
    public const int Section = 40;
}
