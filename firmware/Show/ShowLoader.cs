using StageBox.Show.Model;

namespace StageBox.Show;

/// <summary>
/// Loads a show (or a single song) from its folder, checking every file against the format
/// and the audio it names. A show with any problem is not loaded: the result then carries
/// every problem found, each with file, line, column, what is wrong and how to fix it.
/// </summary>
public static class ShowLoader
{
    /// <summary>The output count checked against when the device's is not known: a common 8-out interface.</summary>
    public const int DefaultOutputChannels = 8;

    /// <summary>Loads <paramref name="folder"/>: a show folder (songs/, setlists/) or a USB
    /// stick's root holding one in StageBox/. Error paths are relative to <paramref name="folder"/>.</summary>
    public static LoadResult<ShowDefinition> LoadShow(string folder, int outputChannels = DefaultOutputChannels)
    {
        string given = FullFolderPath(folder);
        var reader = new ShowReader(given, outputChannels);
        string? showFolder = FindShowFolder(given);
        if (showFolder is null)
        {
            reader.Error(given, Directory.Exists(given) ? "this is not a show folder: it has no songs folder" : "the folder does not exist",
                $"a show folder holds {ShowLayout.SongsFolder}/SONG/{ShowLayout.SongFileName} and {ShowLayout.SetlistsFolder}/NAME.yaml; on a USB stick, inside {ShowLayout.StickFolder}/");
            return new LoadResult<ShowDefinition>(null, reader.SortedErrors);
        }
        return new LoadResult<ShowDefinition>(reader.ReadShow(showFolder), reader.SortedErrors);
    }

    /// <summary>Loads one song folder (songs/ID with its song.yaml); the folder's name is the song's id.
    /// Error paths start with that name.</summary>
    public static LoadResult<SongDefinition> LoadSong(string songFolder, int outputChannels = DefaultOutputChannels)
    {
        string folder = FullFolderPath(songFolder);
        var reader = new ShowReader(Path.GetDirectoryName(folder) ?? folder, outputChannels);
        if (!Directory.Exists(folder))
        {
            reader.Error(folder, "the song folder does not exist", $"name a folder that holds a {ShowLayout.SongFileName}");
            return new LoadResult<SongDefinition>(null, reader.SortedErrors);
        }
        return new LoadResult<SongDefinition>(reader.ReadSong(folder), reader.SortedErrors);
    }

    /// <summary>The show folder at <paramref name="folder"/> or, on a stick, in its StageBox/ folder; null when neither has songs/.</summary>
    internal static string? FindShowFolder(string folder) =>
        new[] { folder, Path.Join(folder, ShowLayout.StickFolder) }
            .FirstOrDefault(candidate => Directory.Exists(Path.Join(candidate, ShowLayout.SongsFolder)));

    private static string FullFolderPath(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
}
