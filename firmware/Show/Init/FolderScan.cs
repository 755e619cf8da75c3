using StageBox.Media.AudioFiles;
using StageBox.Show.Files;

namespace StageBox.Show.Init;

/// <summary>An audio file libsndfile decodes, with what its header says.</summary>
public sealed record StemFile(string Name, AudioFileInfo Info);

/// <summary>A file that cannot be used: unreadable, a damaged audio file, or a link leading out of the folder.</summary>
public sealed record UnusableFile(string Name, string Problem, bool LooksLikeAudio);

/// <summary>
/// The files of one folder, sorted by what init can do with them. Audio is what libsndfile
/// decodes, whatever the name says; a file that does not decode counts as damaged audio only
/// when its extension claims audio, otherwise it is simply not audio (a PDF, a cover image).
/// Hidden files (macOS's "._" twins and .DS_Store on sticks) are counted and never opened:
/// an AppleDouble "._drums.wav" is metadata, not a damaged WAV.
/// </summary>
public sealed record FolderScan(
    string Folder,
    bool HasSongFile,
    IReadOnlyList<StemFile> Audio,
    IReadOnlyList<string> NotAudio,
    IReadOnlyList<UnusableFile> Unusable,
    int Hidden,
    string? Unreadable = null)
{
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".wav", ".wave", ".bwf", ".rf64", ".w64", ".aif", ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".caf" };

    /// <summary>Hidden entries are listed too, to be counted; a folder that cannot be listed throws, to be reported.</summary>
    private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>Whether the folder is a song's: it has a song.yaml or files meant as its audio.</summary>
    public bool LooksLikeSong => HasSongFile || Audio.Count > 0 || Unusable.Any(f => f.LooksLikeAudio);

    public static FolderScan Read(string folder)
    {
        try
        {
            return ReadFiles(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FolderScan(folder, false, [], [], [], 0, $"the folder cannot be read: {e.Message}");
        }
    }

    private static FolderScan ReadFiles(string folder)
    {
        var audio = new List<StemFile>();
        var notAudio = new List<string>();
        var unusable = new List<UnusableFile>();
        int hidden = 0;
        bool hasSongFile = false;
        string? realFolder = RealPath.Resolve(folder);
        foreach (string path in Directory.EnumerateFiles(folder, "*", EveryEntry).Order(NaturalOrder.Instance))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('.')) hidden++;
            else if (name == ShowLayout.SongFileName) hasSongFile = true;
            else if (UnreadableFile(path, realFolder) is { } problem) unusable.Add(new UnusableFile(name, problem, HasAudioExtension(name)));
            else
            {
                try
                {
                    audio.Add(new StemFile(name, AudioFile.Probe(path)));
                }
                catch (AudioFileException e) when (HasAudioExtension(name))
                {
                    unusable.Add(new UnusableFile(name, e.Problem, LooksLikeAudio: true));
                }
                catch (AudioFileException)
                {
                    notAudio.Add(name);
                }
            }
        }
        return new FolderScan(folder, hasSongFile, audio, notAudio, unusable, hidden);
    }

    private static bool HasAudioExtension(string name) => AudioExtensions.Contains(Path.GetExtension(name));

    /// <summary>Why the file cannot be read at all, or null. The loader refuses files reached
    /// through links that lead out of the song folder, so init does not offer them either.</summary>
    private static string? UnreadableFile(string path, string? realFolder)
    {
        if (RealPath.Resolve(path) is not { } real || realFolder is null || !RealPath.IsInside(real, realFolder))
            return "it is a symbolic link that leads outside the folder (copy the file itself in)";
        try
        {
            using FileStream stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read: {e.Message}";
        }
    }
}
