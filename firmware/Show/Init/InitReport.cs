using StageBox.Show.Model;

namespace StageBox.Show.Init;

public enum SongOutcomeKind { Written, Kept, Skipped }

/// <summary>What init did with one folder: the draft it wrote, or why it kept or skipped the folder.</summary>
public sealed record SongOutcome(FolderScan Scan, SongOutcomeKind Kind, SongDraft? Draft = null, string? Reason = null)
{
    public string SongFile => Path.Join(Scan.Folder, ShowLayout.SongFileName);
}

public enum SetlistOutcomeKind { Written, Kept, Failed }

/// <summary>The show's starting setlist: written with its songs, an existing one kept, or why it could not be written.</summary>
public sealed record SetlistOutcome(string Path, SetlistOutcomeKind Kind, IReadOnlyList<string> Songs, string? Reason = null);

/// <summary>
/// Everything one run of stagebox init did. <see cref="ShowProblems"/> is what still keeps the
/// show from loading (a kept song.yaml with errors, a folder without audio), null when the
/// folder is not in a show.
/// </summary>
public sealed record InitReport(InitTarget Target, IReadOnlyList<SongOutcome> Songs, SetlistOutcome? Setlist, IReadOnlyList<ShowError>? ShowProblems)
{
    /// <summary>False when no folder has a song.yaml, written now or before: nothing could be done.</summary>
    public bool AnySong => Songs.Any(s => s.Kind != SongOutcomeKind.Skipped);
}
