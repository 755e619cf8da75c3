using StageBox.Show.Model;
using StageBox.Show.Parsing;

namespace StageBox.Show;

/// <summary>
/// Reads the folders and files of a show, collecting every problem. Paths in errors are shown
/// relative to <paramref name="displayBase"/>, the folder the user named.
/// </summary>
internal sealed class ShowReader(string displayBase, int outputChannels)
{
    /// <summary>The defaults skip hidden entries (on Linux, names starting with '.': macOS leaves
    /// "._name" twins and ".Trashes" on sticks) and ones that cannot be read, instead of throwing.</summary>
    private static readonly EnumerationOptions VisibleEntries = new();

    private readonly List<ShowError> _errors = [];

    public IReadOnlyList<ShowError> SortedErrors =>
        _errors.OrderBy(e => e.Where.File, StringComparer.Ordinal).ThenBy(e => e.Where.Line).ThenBy(e => e.Where.Column).ToArray();

    public void Error(string path, string problem, string fix) => _errors.Add(new ShowError(new SourceLocation(Display(path)), problem, fix));

    public ShowDefinition? ReadShow(string showFolder)
    {
        string songsFolder = Path.Join(showFolder, ShowLayout.SongsFolder);
        string[] songFolders = Sorted(Directory.EnumerateDirectories(songsFolder, "*", VisibleEntries));
        if (songFolders.Length == 0)
            Error(songsFolder, "the show has no songs", $"put each song in its own folder: {ShowLayout.SongsFolder}/SONG/{ShowLayout.SongFileName}");
        var songs = new Dictionary<string, SongDefinition>(StringComparer.Ordinal);
        foreach (string folder in songFolders)
        {
            if (ReadSong(folder) is { } song) songs.Add(song.Id, song);
        }
        // Setlists are checked against every song folder, sound or not, so a broken song is reported once, in its own file.
        string[] songIds = songFolders.Select(f => Path.GetFileName(f)).ToArray();
        var setlists = new Dictionary<string, SetlistDefinition>(StringComparer.Ordinal);
        foreach (string path in SetlistFiles(Path.Join(showFolder, ShowLayout.SetlistsFolder)))
        {
            if (ReadSetlist(path, songIds) is not { } setlist) continue;
            if (!setlists.TryAdd(setlist.Name, setlist))
                Error(path, $"there are two setlists named '{setlist.Name}'", "rename or remove one of the files: .yaml and .yml of the same name clash");
        }
        return _errors.Count == 0 ? new ShowDefinition(showFolder, songs, setlists) : null;
    }

    public SongDefinition? ReadSong(string songFolder)
    {
        string path = Path.Join(songFolder, ShowLayout.SongFileName);
        if (!File.Exists(path))
        {
            Error(songFolder, $"the song folder has no {ShowLayout.SongFileName}", $"add {ShowLayout.SongFileName} (stagebox init writes one for a folder of stems)");
            return null;
        }
        var file = new SourceFile(Display(path), _errors);
        return YamlFileReader.Read(path, file) is { } root
            ? new SongParser(file, songFolder, outputChannels).Parse(root, Path.GetFileName(songFolder))
            : null;
    }

    private SetlistDefinition? ReadSetlist(string path, IReadOnlyCollection<string> songIds)
    {
        var file = new SourceFile(Display(path), _errors);
        return YamlFileReader.Read(path, file) is { } root
            ? new SetlistParser(file, songIds).Parse(root, Path.GetFileNameWithoutExtension(path))
            : null;
    }

    public static string[] SetlistFiles(string setlistsFolder) =>
        Directory.Exists(setlistsFolder)
            ? Sorted(Directory.EnumerateFiles(setlistsFolder, "*", VisibleEntries)
                .Where(f => ShowLayout.SetlistExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
            : [];

    private static string[] Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The path relative to the folder the user named; that folder itself in full.</summary>
    private string Display(string path) =>
        path == displayBase ? displayBase : Path.GetRelativePath(displayBase, path).Replace(Path.DirectorySeparatorChar, '/');
}
