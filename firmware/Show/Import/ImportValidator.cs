using StageBox.Media.AudioFiles;
using StageBox.Hal.Files;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>
/// Checks a show folder or a stick before an import touches the library: first the files
/// themselves (<see cref="StickScan"/>: no links, pipes, devices or strange names), and only
/// when they are plain files, the show (YAML, every referenced file present and decodable,
/// channels, outputs), then what the library adds: no two songs the musicians could confuse.
/// </summary>
public static class ImportValidator
{
    public static ImportPlan Validate(string folder, int outputChannels)
    {
        string given = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string source = ShowLoader.FindShowFolder(given) ?? given;
        if (!Directory.Exists(Path.Join(source, ShowLayout.SongsFolder)))
            return Refused(source, ShowLoader.LoadShow(given, outputChannels).Errors, []);
        if (FileEntry.Of(source).Kind != FileKind.Directory)
            return Refused(source, [new ShowError(new SourceLocation(source), "the show folder is a symbolic link", "copy the show itself onto the stick")], []);
        StickScan scan = StickScan.Of(source);
        // A FIFO would block the loader's open and a link could lead it off the stick: the show is read only from plain files.
        if (scan.Errors.Count > 0) return Refused(source, scan.Errors, scan.Skipped);
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(source, outputChannels);
        if (!loaded.Succeeded) return Refused(source, loaded.Errors, scan.Skipped);
        ShowDefinition show = loaded.Value;
        ShowError[] clashes = NameClashes(show).ToArray();
        if (clashes.Length > 0) return Refused(source, clashes, scan.Skipped);
        return new ImportPlan(source, show, [], scan.Skipped, TextFiles(source, show), AudioFiles(source, show));
    }

    private static ImportPlan Refused(string source, IReadOnlyList<ShowError> errors, IReadOnlyList<string> skipped) =>
        new(source, null, errors, skipped, [], []);

    /// <summary>Songs whose folder names differ only in case (one would overwrite the other on a FAT stick), or that share a title.</summary>
    private static IEnumerable<ShowError> NameClashes(ShowDefinition show)
    {
        foreach (var group in show.Songs.Values.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return new ShowError(new SourceLocation($"{ShowLayout.SongsFolder}/{group.Last().Id}"),
                $"the song folders {string.Join(" and ", group.Select(s => $"'{s.Id}'"))} differ only in upper and lower case", "rename one of them");
        foreach (var group in show.Songs.Values.GroupBy(s => s.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return new ShowError(group.Last().Where,
                $"the songs {string.Join(" and ", group.Select(s => $"'{s.Id}'"))} are both titled '{group.Key}'", "give each song its own title, so the display and the setlist are never ambiguous");
    }

    private static string[] TextFiles(string source, ShowDefinition show) =>
        show.Songs.Keys.Select(id => $"{ShowLayout.SongsFolder}/{id}/{ShowLayout.SongFileName}")
            .Concat(ShowReader.SetlistFiles(Path.Join(source, ShowLayout.SetlistsFolder)).Select(path => Path.GetRelativePath(source, path).Replace(Path.DirectorySeparatorChar, '/')))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static PlannedAudio[] AudioFiles(string source, ShowDefinition show) =>
        show.Songs.Values
            .SelectMany(song => ReferencedAudio(song).Select(file => $"{ShowLayout.SongsFolder}/{song.Id}/{Normalized(file)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(path => new PlannedAudio(path, AudioFile.Probe(Path.Join(source, path))))
            .ToArray();

    private static IEnumerable<string> ReferencedAudio(SongDefinition song) =>
        song.Stems.Select(s => s.File)
            .Concat(song.Cues.Select(c => c.File))
            .Concat(new[] { song.Click.AccentSample, song.Click.BeatSample }.OfType<string>());

    /// <summary>"./a//b.wav" and "cues/../a/b.wav" name the same file as "a/b.wav"; the scan has made sure no path leaves the song.</summary>
    private static string Normalized(string relativePath) =>
        Path.GetRelativePath("/song", Path.GetFullPath(relativePath, "/song")).Replace(Path.DirectorySeparatorChar, '/');
}
