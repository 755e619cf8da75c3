namespace StageBox.Show.Init;

/// <summary>
/// What a starting song.yaml says about one folder of stems: its title, a tempo (from a name,
/// or a placeholder for the technician to set), the click and each stem on its outputs, and
/// what was left out and why. Count-in and end keep the usual defaults (1 bar, stop).
/// </summary>
public sealed record SongDraft(
    string Title,
    double Tempo,
    string? TempoFrom,
    StemRouting Routing,
    IReadOnlyList<StemFile> ClickTracks,
    int? Bars,
    FolderScan Scan)
{
    /// <summary>Written when no name carries a tempo: the commonest one, marked for the technician to change.</summary>
    public const double PlaceholderTempo = 120;

    /// <summary>Quarter notes in a bar of the 4/4 the draft starts with.</summary>
    public const int BeatsPerBar = 4;

    public static SongDraft From(FolderScan scan, int outputChannels)
    {
        string folderName = Path.GetFileName(scan.Folder);
        StemFile[] clickTracks = scan.Audio.Where(f => IsClickTrack(f.Name)).ToArray();
        StemFile[] stems = scan.Audio.Except(clickTracks).ToArray();
        (double tempo, string? from) = TempoFromNames(folderName, scan.Audio);
        StemRouting routing = StemRouting.Route(stems, outputChannels);
        // Without a stem playing, the song has no length of its own: take it from the longest file, at the tempo written.
        int? bars = routing.Routed.Count == 0 ? BarsLasting(scan.Audio.Max(f => f.Info.Duration), tempo) : null;
        return new SongDraft(SongTitle.FromFolderName(folderName), tempo, from, routing, clickTracks, bars, scan);
    }

    /// <summary>The stem that sets the song's length, and the shortest when it ends noticeably earlier.</summary>
    public (StemFile Longest, StemFile? Shorter)? Lengths
    {
        get
        {
            if (Routing.Routed.Count == 0) return null;
            StemFile longest = Routing.Routed.Select(s => s.File).MaxBy(f => f.Info.Duration)!;
            StemFile shortest = Routing.Routed.Select(s => s.File).MinBy(f => f.Info.Duration)!;
            bool differ = longest.Info.Duration - shortest.Info.Duration > TimeSpan.FromMilliseconds(1);
            return (longest, differ ? shortest : null);
        }
    }

    /// <summary>How many bars of 4/4 at <paramref name="tempo"/> a stretch of audio fills, the last one partly
    /// (a length of exactly N bars, give or take rounding, is N, not N + 1).</summary>
    public static int BarsLasting(TimeSpan duration, double tempo) =>
        Math.Max(1, (int)Math.Ceiling(duration.TotalMinutes * tempo / BeatsPerBar - 1e-9));

    /// <summary>A guide click from the DAW: the box makes its own, in time with its tempo map.</summary>
    private static bool IsClickTrack(string fileName) =>
        fileName.Contains("click", StringComparison.OrdinalIgnoreCase) || fileName.Contains("metronome", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder's name first (it names the song), then the files' in order.</summary>
    private static (double Tempo, string? From) TempoFromNames(string folderName, IReadOnlyList<StemFile> files)
    {
        foreach (string name in files.Select(f => f.Name).Prepend(folderName))
        {
            if (TempoInName.Find(name) is double tempo) return (tempo, name);
        }
        return (PlaceholderTempo, null);
    }
}
