using System.Globalization;
using StageBox.Show;
using StageBox.Show.Init;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary>
/// What stagebox init prints: a line per song folder (wrote, kept, skipped) with what was left
/// out indented under it, the setlist, what still keeps the show from loading, and what to do next.
/// </summary>
internal sealed class InitReportText(InitReport report, TextWriter output)
{
    private readonly GivenFolder _given = report.Target.Folder;

    public void Write()
    {
        foreach (SongOutcome song in report.Songs) Song(song);
        Setlist();
        if (report.ShowProblems is { Count: > 0 } problems)
        {
            output.WriteLine($"the show does not load yet: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} (paths from {Shell(ShowFolder)}):");
            foreach (ShowError problem in problems) output.WriteLine($"  {problem}");
        }
        output.WriteLine(NextStep());
    }

    private string ShowFolder => _given.Display(report.Target.ShowFolder!);

    /// <summary>What to hand to validate: the folder as given when it is the show or the stick holding it.</summary>
    private string ShowToValidate =>
        report.Target.ShowFolder == Path.Join(_given.Full, ShowLayout.StickFolder) ? _given.AsGiven : ShowFolder;

    private void Song(SongOutcome song)
    {
        switch (song.Kind)
        {
            case SongOutcomeKind.Written:
                output.WriteLine($"wrote   {_given.Display(song.SongFile)}: {Summary(song.Draft!)}");
                break;
            case SongOutcomeKind.Kept:
                output.WriteLine($"kept    {_given.Display(song.SongFile)}: it was there already and is not changed");
                return;
            default:
                output.WriteLine($"skipped {_given.Display(song.Scan.Folder)}: {song.Reason}");
                break;
        }
        if (song.Draft is { } draft)
        {
            Note("left out, no free outputs (see song.yaml)", draft.Routing.LeftOut.Select(s => s.File.Name));
            Note("left out as a click track", draft.ClickTracks.Select(f => f.Name));
        }
        Note("not audio", song.Scan.NotAudio);
        foreach (UnusableFile file in song.Scan.Unusable)
            output.WriteLine($"          {_given.Display(Path.Join(song.Scan.Folder, file.Name))}: {file.Problem}");
        if (song.Scan.Hidden > 0) output.WriteLine($"          {song.Scan.Hidden} hidden file{(song.Scan.Hidden == 1 ? "" : "s")} ignored (macOS ._ twins and the like)");
    }

    private static string Summary(SongDraft draft)
    {
        StemRouting routing = draft.Routing;
        string stems = routing.Routed.Count == 0
            ? $"no stem, {draft.Bars} bar{(draft.Bars == 1 ? "" : "s")}"
            : $"{routing.Routed.Count} stem{(routing.Routed.Count == 1 ? "" : "s")} on {Range(routing.Routed[0].Outputs[0], routing.Routed[^1].Outputs[^1])} "
                + $"(longest {SongDraftYaml.Length(draft.Lengths!.Value.Longest)})";
        string tempo = draft.TempoFrom is { } name ? $"tempo {Number(draft.Tempo)} from '{name}'" : $"tempo {Number(draft.Tempo)} is a placeholder";
        return $"click on {Range(routing.ClickOutputs[0], routing.ClickOutputs[^1])}, {stems}, {tempo}";
    }

    private void Note(string what, IEnumerable<string> names)
    {
        string list = string.Join(", ", names);
        if (list.Length > 0) output.WriteLine($"          {what}: {list}");
    }

    private void Setlist()
    {
        if (report.Setlist is not { } setlist) return;
        string path = _given.Display(setlist.Path);
        output.WriteLine(setlist.Kind switch
        {
            SetlistOutcomeKind.Written => $"wrote   {path}: {setlist.Songs.Count} song{(setlist.Songs.Count == 1 ? "" : "s")} in folder order",
            SetlistOutcomeKind.Kept when report.Songs.Any(s => s.Kind == SongOutcomeKind.Written) => $"kept    {path}: add the new songs to it to play them",
            SetlistOutcomeKind.Kept => $"kept    {path}",
            _ => $"failed  {path}: {setlist.Reason}",
        });
    }

    private string NextStep()
    {
        if (!report.AnySong) return "Nothing written.";
        string validate = report.Target.ShowFolder is not null
            ? $"run: stagebox validate {Shell(ShowToValidate)}"
            : $"copy {(report.Songs.Count == 1 ? "the song folder" : "the song folders")} into a show's songs/ folder (SHOW/songs/SONG) and run: stagebox validate SHOW";
        return report.Songs.Any(s => s.Kind == SongOutcomeKind.Written)
            ? $"Next: set the real tempo (and meter) in each song.yaml written above (a DAW export does not carry it), then {validate}"
            : $"Nothing new to write. Next: {validate}";
    }

    private static string Range(int first, int last) => first == last ? $"output {first}" : $"outputs {first}-{last}";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The path as it can be pasted into a shell: single-quoted when it holds spaces or other special characters.</summary>
    private static string Shell(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '~' or ':' or '+' or '@' or ',')
            ? path
            : $"'{path.Replace("'", "'\\''")}'";
}
