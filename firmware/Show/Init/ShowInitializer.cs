namespace StageBox.Show.Init;

/// <summary>
/// stagebox init: a starting song.yaml for each folder of stems that has none, and a setlist
/// for a show that has none, each checked by loading it back. An existing song.yaml or setlist
/// is never changed.
/// </summary>
public static class ShowInitializer
{
    public static InitReport Run(string folder, int outputChannels)
    {
        var given = GivenFolder.Of(folder);
        InitTarget target = InitTarget.Find(given);
        var check = new WrittenFileCheck(given, outputChannels);
        SongOutcome[] songs = target.Songs.Select(scan => Song(scan, outputChannels, check)).ToArray();
        if (target.ShowFolder is not { } show) return new InitReport(target, songs, null, null);
        SetlistOutcome? setlist = StarterSetlist.Ensure(show);
        return new InitReport(target, songs, setlist, check.Show(show, setlist));
    }

    private static SongOutcome Song(FolderScan scan, int outputChannels, WrittenFileCheck check)
    {
        if (scan.HasSongFile) return new SongOutcome(scan, SongOutcomeKind.Kept);
        if (scan.Unreadable is { } problem) return new SongOutcome(scan, SongOutcomeKind.Skipped, Reason: problem);
        if (scan.Audio.Count == 0)
            return new SongOutcome(scan, SongOutcomeKind.Skipped, Reason: scan.Unusable.Any(f => f.LooksLikeAudio) ? "no usable audio files" : "no audio files");
        SongDraft draft = SongDraft.From(scan, outputChannels);
        var outcome = new SongOutcome(scan, SongOutcomeKind.Written, draft);
        try
        {
            NewFile.Write(outcome.SongFile, SongDraftYaml.Write(draft));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SongOutcome(scan, SongOutcomeKind.Skipped, draft, $"cannot write {ShowLayout.SongFileName}: {e.Message}");
        }
        check.Song(scan.Folder, outcome.SongFile);
        return outcome;
    }
}
