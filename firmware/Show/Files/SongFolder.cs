using StageBox.Hal.AudioFiles;
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
    private IReadOnlyList<string>? _filesForSuggestions;

    /// <summary>The header of the audio file <paramref name="relativePath"/>, or null after
    /// reporting at <paramref name="node"/> why it cannot be used.</summary>
    public AudioFileInfo? Probe(YamlNode node, string relativePath)
    {
        string? fullPath = Locate(node, relativePath);
        if (fullPath is null) return null;
        try
        {
            return AudioFile.Probe(fullPath);
        }
        catch (AudioFileException e)
        {
            file.Error(node, $"'{relativePath}' cannot be used: {e.Problem}", "export the audio again as WAV or FLAC");
            return null;
        }
    }

    private string? Locate(YamlNode node, string relativePath)
    {
        if (Path.IsPathRooted(relativePath))
        {
            file.Error(node, $"'{relativePath}' is an absolute path", "copy the file into the song folder and name it relative to it, e.g. drums.wav");
            return null;
        }
        string fullPath = Path.GetFullPath(relativePath, _root);
        if (!RealPath.IsInside(fullPath, _root))
        {
            file.Error(node, $"'{relativePath}' points outside the song folder", "copy the file into the song folder and name it relative to it");
            return null;
        }
        if (!File.Exists(fullPath))
        {
            string problem = Directory.Exists(fullPath) ? $"'{relativePath}' is a folder, not an audio file" : $"file '{relativePath}' not found in the song folder";
            file.Error(node, problem, NearestName.Suggest(relativePath, FilesForSuggestions(), "files in the song folder"));
            return null;
        }
        if (RealPath.Resolve(fullPath) is not { } realFile || RealPath.Resolve(_root) is not { } realFolder || !RealPath.IsInside(realFile, realFolder))
        {
            file.Error(node, $"'{relativePath}' is a symbolic link that leads outside the song folder", "copy the file itself into the song folder");
            return null;
        }
        return fullPath;
    }

    private IReadOnlyList<string> FilesForSuggestions() => _filesForSuggestions ??=
        Directory.EnumerateFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4 })
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ShowLayout.SongFileName)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
