using StageBox.Media.AudioFiles;
using StageBox.Show.Parsing;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Files;

/// <summary>
/// The audio files a song names: each must stay inside the song folder (a song is copied to
/// the box as one folder, and a stick must not make the box read its system files), exist,
/// and decode. Problems are reported at the YAML node that names the file.
/// </summary>
internal sealed class SongFolder(string path, SourceFile file)
{
    private readonly string _root = Path.GetFullPath(path);
    /// <summary>Each path is looked at once: a hostile file of a megabyte can name the same file a
    /// quarter of a million times (a list of aliases), and probing each took minutes.</summary>
    private readonly Dictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _filesForSuggestions;

    /// <summary>What looking at one path found: its header, or why it cannot be used and how to fix that.</summary>
    private readonly record struct Verdict(AudioFileInfo? Header, string? Problem = null, string? Fix = null);

    /// <summary>The header of the audio file <paramref name="relativePath"/>, or null after
    /// reporting at <paramref name="node"/> why it cannot be used.</summary>
    public AudioFileInfo? Probe(YamlNode node, string relativePath)
    {
        if (!_verdicts.TryGetValue(relativePath, out Verdict verdict))
            _verdicts[relativePath] = verdict = Judge(relativePath);
        if (verdict.Problem is not null) file.Error(node, verdict.Problem, verdict.Fix);
        return verdict.Header;
    }

    private Verdict Judge(string relativePath)
    {
        if (Locate(relativePath, out string fullPath) is { } refused) return refused;
        try
        {
            return new Verdict(AudioFile.Probe(fullPath));
        }
        catch (AudioFileException e)
        {
            return new Verdict(null, $"'{relativePath}' cannot be used: {e.Problem}", "export the audio again as WAV or FLAC");
        }
    }

    /// <summary>Null when <paramref name="relativePath"/> names a file inside the song folder, at <paramref name="fullPath"/>.</summary>
    private Verdict? Locate(string relativePath, out string fullPath)
    {
        fullPath = "";
        // YAML's "\0" escape can put a NUL into a name; no file can have one, and the path functions below throw on it.
        if (relativePath.Contains('\0'))
            return new Verdict(null, $"'{relativePath.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character (\\0), which no file name can", "name the file as it is in the song folder, e.g. drums.wav");
        if (Path.IsPathRooted(relativePath))
            return new Verdict(null, $"'{relativePath}' is an absolute path", "copy the file into the song folder and name it relative to it, e.g. drums.wav");
        fullPath = Path.GetFullPath(relativePath, _root);
        if (!RealPath.IsInside(fullPath, _root))
            return new Verdict(null, $"'{relativePath}' points outside the song folder", "copy the file into the song folder and name it relative to it");
        if (!File.Exists(fullPath))
        {
            string problem = Directory.Exists(fullPath) ? $"'{relativePath}' is a folder, not an audio file" : $"file '{relativePath}' not found in the song folder";
            return new Verdict(null, problem, NearestName.Suggest(relativePath, FilesForSuggestions(), "files in the song folder"));
        }
        if (RealPath.Resolve(fullPath) is not { } realFile || RealPath.Resolve(_root) is not { } realFolder || !RealPath.IsInside(realFile, realFolder))
            return new Verdict(null, $"'{relativePath}' is a symbolic link that leads outside the song folder", "copy the file itself into the song folder");
        return null;
    }

    private IReadOnlyList<string> FilesForSuggestions() => _filesForSuggestions ??=
        Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4 })
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ShowLayout.SongFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
