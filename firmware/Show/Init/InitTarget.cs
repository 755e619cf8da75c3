namespace StageBox.Show.Init;

/// <summary>
/// What the folder given to stagebox init holds, decided in this order:
/// a show folder (songs/ inside it, or a stick's StageBox/songs/) or a show's songs/ folder: every folder in songs/ is a song;
/// a folder with audio files (or a song.yaml) of its own: one song, like a DAW export "Song Name/01 Drums.wav...";
/// a folder of such folders (a DAW export of several songs): each is a song.
/// A folder with audio of its own is one song even when it has subfolders: those are its cues and click samples.
/// </summary>
public sealed record InitTarget(GivenFolder Folder, string? ShowFolder, IReadOnlyList<FolderScan> Songs)
{
    public static InitTarget Find(GivenFolder folder)
    {
        if (File.Exists(folder.Full))
            throw new InitException($"{folder.AsGiven} is a file, not a folder: give the folder that holds the stems, or the show folder");
        if (!Directory.Exists(folder.Full))
            throw new InitException($"{folder.AsGiven}: the folder does not exist");
        string full = folder.Full;

        string? show = ShowLoader.FindShowFolder(full) ?? (Path.GetFileName(full) == ShowLayout.SongsFolder ? Path.GetDirectoryName(full) : null);
        if (show is not null)
        {
            string songsFolder = Path.Join(show, ShowLayout.SongsFolder);
            FolderScan[] songs = Subfolders(folder, songsFolder).Select(FolderScan.Read).ToArray();
            if (songs.Length == 0)
                throw new InitException($"{folder.Display(songsFolder)}: there are no song folders in it "
                    + $"(put each song's stems in a folder of its own: {ShowLayout.SongsFolder}/SONG/01 Drums.wav ...)");
            return new InitTarget(folder, show, songs);
        }

        FolderScan own = FolderScan.Read(full);
        if (own.Unreadable is { } problem) throw new InitException($"{folder.AsGiven}: {problem}");
        if (own.LooksLikeSong) return new InitTarget(folder, ShowHolding(full), [own]);

        FolderScan[] subfolders = Subfolders(folder, full).Select(FolderScan.Read).ToArray();
        if (subfolders.Any(s => s.LooksLikeSong)) return new InitTarget(folder, null, subfolders);
        throw new InitException($"{folder.AsGiven}: no audio files here or in the folders inside it{Found(own)}. "
            + "Give a folder of stems such as a DAW export, a folder of such folders, or a show folder; StageBox reads WAV, AIFF, FLAC, OGG and MP3.");
    }

    /// <summary>The show a song folder already sits in (SHOW/songs/SONG), so the technician is told what to validate.</summary>
    private static string? ShowHolding(string songFolder) =>
        Path.GetDirectoryName(songFolder) is { } parent && Path.GetFileName(parent) == ShowLayout.SongsFolder ? Path.GetDirectoryName(parent) : null;

    /// <summary>Hidden folders (.Trashes, .Spotlight-V100 on sticks) are not songs.</summary>
    private static string[] Subfolders(GivenFolder given, string folder)
    {
        try
        {
            return Directory.EnumerateDirectories(folder, "*", new EnumerationOptions { IgnoreInaccessible = false }).Order(NaturalOrder.Instance).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InitException($"{given.Display(folder)}: the folder cannot be read: {e.Message}");
        }
    }

    private static string Found(FolderScan scan)
    {
        var found = scan.NotAudio.Select(n => $"{n} is not audio").Concat(scan.Unusable.Select(u => $"{u.Name}: {u.Problem}")).ToList();
        if (scan.Hidden > 0) found.Add($"{scan.Hidden} hidden file{(scan.Hidden == 1 ? "" : "s")} ignored");
        return found.Count == 0 ? "" : $" ({string.Join("; ", found)})";
    }
}
