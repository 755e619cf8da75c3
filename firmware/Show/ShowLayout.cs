namespace StageBox.Show;

/// <summary>
/// Where things live in a show folder: <c>setlists/NAME.yaml</c> and <c>songs/ID/song.yaml</c>
/// with the song's audio beside it. On a USB stick the show sits in a <c>StageBox/</c> folder.
/// </summary>
public static class ShowLayout
{
    public const string SongsFolder = "songs";
    public const string SetlistsFolder = "setlists";
    public const string SongFileName = "song.yaml";
    public const string StickFolder = "StageBox";
    public static readonly IReadOnlyList<string> SetlistExtensions = [".yaml", ".yml"];
}
