using System.Text.RegularExpressions;
using StageBox.Engine.Timeline;
using StageBox.Show.Import;
using StageBox.Show.Model;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// What every load must give, sound file or spoilt: either a value and no errors, or errors and
/// no value; each error saying what is wrong and how to fix it, at a place inside the file it
/// names (line 1 up to one past its last line, the column within that line), or at line 0 when
/// it is about a whole file or folder (empty, too large, missing); and a loaded song or show that the engine can play (tempos finite and in range, bars
/// increasing, lengths positive, every file it names inside its song folder).
/// </summary>
internal static partial class LoadChecks
{
    public static void Result<T>(T? value, IReadOnlyList<ShowError> errors, string errorBase, Func<string> describe) where T : class
    {
        var problems = new List<string>();
        if (value is null && errors.Count == 0) problems.Add("no value and no error");
        if (value is not null && errors.Count > 0) problems.Add($"a value despite {errors.Count} errors");
        var lines = new Dictionary<string, string[][]?>(StringComparer.Ordinal);
        foreach (ShowError error in errors.Take(1_000))
        {
            if (Problem(error, errorBase, lines) is { } problem) problems.Add($"{problem}: {error}");
        }
        Fail(problems, describe);
    }

    public static void Song(SongDefinition song, int outputs, Func<string> describe)
    {
        var problems = new List<string>();
        SongProblems(song, outputs, problems);
        Fail(problems, describe);
    }

    public static void Show(ShowDefinition show, int outputs, Func<string> describe)
    {
        var problems = new List<string>();
        if (show.Songs.Count == 0) problems.Add("a show without songs");
        foreach (SongDefinition song in show.Songs.Values) SongProblems(song, outputs, problems);
        foreach (SetlistDefinition setlist in show.Setlists.Values)
        {
            if (string.IsNullOrWhiteSpace(setlist.Name) || string.IsNullOrWhiteSpace(setlist.Title)) problems.Add($"setlist '{setlist.Name}' has a blank name or title");
            if (setlist.Songs.Count == 0) problems.Add($"setlist '{setlist.Name}' has no songs");
            foreach (SetlistEntry entry in setlist.Songs.Where(e => !show.Songs.ContainsKey(e.SongId)))
                problems.Add($"setlist '{setlist.Name}' names '{entry.SongId}', which the show lacks");
        }
        Fail(problems, describe);
    }

    public static void Plan(ImportPlan plan, int outputs, Func<string> describe)
    {
        Result(plan.Show, plan.Errors, plan.SourceFolder, describe);
        if (!plan.CanImport) return;
        Show(plan.Show!, outputs, describe);
        var problems = new List<string>();
        foreach (PlannedAudio audio in plan.Audio)
        {
            if (!File.Exists(Path.Join(plan.SourceFolder, audio.RelativePath))) problems.Add($"planned audio '{audio.RelativePath}' does not exist");
            if (audio.Info.Channels < 1 || audio.Info.SampleRate < 1 || audio.Info.Frames < 1) problems.Add($"planned audio '{audio.RelativePath}' is {audio.Info}");
        }
        problems.AddRange(plan.TextFiles.Where(f => !File.Exists(Path.Join(plan.SourceFolder, f))).Select(f => $"planned text file '{f}' does not exist"));
        Fail(problems, describe);
    }

    private static string? Problem(ShowError error, string errorBase, Dictionary<string, string[][]?> lines)
    {
        if (string.IsNullOrWhiteSpace(error.Problem)) return "no problem stated";
        if (string.IsNullOrWhiteSpace(error.Fix)) return "no fix given";
        SourceLocation where = error.Where;
        if (string.IsNullOrWhiteSpace(where.File)) return "no file named";
        if (where.Line == 0) return where.Column == 0 ? null : "a column without a line";
        if (where.Line < 0 || where.Column < 1) return "a line or column below 1";
        string path = Path.Join(errorBase, where.File);
        if (!lines.TryGetValue(path, out string[][]? models)) lines[path] = models = File.Exists(path) ? LineModels(path) : null;
        if (models is null) return "a line in a file that does not exist";
        if (models.Any(text => where.Line <= text.Length + 1 && (where.Line > text.Length || where.Column <= text[where.Line - 1].Length + 1))) return null;
        string[] yamlLines = models[0];
        return where.Line > yamlLines.Length + 1
            ? $"line {where.Line} of a file of {yamlLines.Length} lines"
            : $"column {where.Column} past the end of line {where.Line}";
    }

    /// <summary>
    /// The file's lines as the loader sees them (decoded as File.ReadAllText does), split in the ways
    /// a reader may count them: at every break YAML knows (CR LF, CR, LF, NEL, LS, PS), at CR and LF
    /// only, and at LF only. YamlDotNet does not count NEL, LS and PS as line ends everywhere, and
    /// editors differ too, so a place is inside the file when it is inside it counted any of these ways.
    /// </summary>
    private static string[][] LineModels(string path)
    {
        string text = File.ReadAllText(path);
        return [YamlLineBreak().Split(text), CrLfLineBreak().Split(text), text.Split('\n')];
    }

    private static void SongProblems(SongDefinition song, int outputs, List<string> problems)
    {
        void Check(bool sound, string problem)
        {
            if (!sound) problems.Add($"song '{song.Id}': {problem}");
        }

        Check(!string.IsNullOrWhiteSpace(song.Title), "blank title");
        Check(song.CountInBars is >= 0 and <= 16, $"count-in of {song.CountInBars} bars");
        Check(song.Bars is null or >= 1, $"{song.Bars} bars");
        Check(song.Bars is not null || song.Stems.Count > 0, "neither bars nor stems, so no length");
        Check(song.TempoMap.Count > 0 && song.TempoMap[0] is { Bar: 1, Tempo: not null }, "the tempo map does not start at bar 1 with a tempo");
        foreach (TempoChange change in song.TempoMap)
        {
            Check(change.Tempo is null || IsTempo(change.Tempo.Value), $"tempo {change.Tempo} at bar {change.Bar}");
            Check(change.RampTo is null || IsTempo(change.RampTo.Value), $"ramp to {change.RampTo} at bar {change.Bar}");
            Check(change.RampBars >= 0 && (long)change.Bar + change.RampBars <= int.MaxValue, $"a ramp of {change.RampBars} bars from bar {change.Bar}");
            Check(song.Bars is null || change.Bar <= song.Bars, $"a tempo change at bar {change.Bar}, after the last bar {song.Bars}");
        }
        Check(song.TempoMap.Zip(song.TempoMap.Skip(1)).All(p => p.First.Bar < p.Second.Bar), "tempo map bars do not increase");
        if (song.TempoMap.Count > 0 && song.TempoMap[0].Tempo is not null) TimeProblems(song, Check);
        Check(song.Sections.All(s => s.Bar >= 1 && (song.Bars is null || s.Bar <= song.Bars) && !string.IsNullOrWhiteSpace(s.Name)), "a section without a name or outside the song");
        Check(song.Sections.Zip(song.Sections.Skip(1)).All(p => p.First.Bar < p.Second.Bar), "sections out of bar order");
        Check(song.Sections.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == song.Sections.Count, "two sections of one name");
        Check(IsRouting(song.Click.Outputs, outputs), $"click outputs [{string.Join(", ", song.Click.Outputs)}]");
        Check(double.IsFinite(song.Click.LevelDb) && song.Click.LevelDb is >= -96 and <= 12, $"click level {song.Click.LevelDb} dB");
        Check(song.Click.Subdivision is >= 1 and <= 4, $"click subdivision {song.Click.Subdivision}");
        foreach (string sample in new[] { song.Click.AccentSample, song.Click.BeatSample }.OfType<string>())
            Check(IsInsideFolder(song.Folder, sample), $"click sample '{sample}' is not a file in the song folder");
        foreach (StemDefinition stem in song.Stems)
        {
            Check(IsInsideFolder(song.Folder, stem.File), $"stem '{stem.File}' is not a file in the song folder");
            Check(IsRouting(stem.Outputs, outputs), $"stem outputs [{string.Join(", ", stem.Outputs)}]");
            Check(stem.Channels is null || IsRouting(stem.Channels, 64), $"stem channels [{string.Join(", ", stem.Channels ?? [])}]");
            Check(IsGain(stem.GainDb), $"stem gain {stem.GainDb} dB");
        }
        foreach (CueDefinition cue in song.Cues)
        {
            Check(IsInsideFolder(song.Folder, cue.File), $"cue '{cue.File}' is not a file in the song folder");
            Check(cue.Bar >= 1 && (song.Bars is null || cue.Bar <= song.Bars), $"a cue at bar {cue.Bar}");
            Check(cue.Outputs is null || IsRouting(cue.Outputs, outputs), $"cue outputs [{string.Join(", ", cue.Outputs ?? [])}]");
            Check(IsGain(cue.GainDb), $"cue gain {cue.GainDb} dB");
        }
    }

    /// <summary>The engine's tempo map accepts the song's, and time runs forward through it to a finite, positive end.</summary>
    private static void TimeProblems(SongDefinition song, Action<bool, string> check)
    {
        TempoMap map;
        try
        {
            map = new TempoMap(song.TempoMap);
        }
        catch (ArgumentException e)
        {
            check(false, $"the engine refuses the tempo map: {e.Message}");
            return;
        }
        double[] seconds = song.TempoMap.Select(c => map.SecondsAtQuarter(map.QuarterAtBar(c.Bar))).ToArray();
        check(seconds.All(double.IsFinite) && seconds.Zip(seconds.Skip(1)).All(p => p.First < p.Second), $"tempo changes at seconds [{string.Join(", ", seconds)}]");
        if (song.Bars is not int bars) return;
        double end = map.SecondsAtQuarter(map.QuarterAtBar(bars) + map.MeterAtBar(bars).QuartersPerBar);
        check(double.IsFinite(end) && end > 0, $"the song ends at {end} s");
    }

    private static bool IsTempo(double tempo) => double.IsFinite(tempo) && tempo is >= TempoMap.MinTempo and <= TempoMap.MaxTempo;

    private static bool IsGain(double db) => double.IsFinite(db) && db is >= -96 and <= 24;

    private static bool IsRouting(IReadOnlyList<int> numbers, int max) =>
        numbers.Count > 0 && numbers.All(n => n >= 1 && n <= max) && numbers.Distinct().Count() == numbers.Count;

    private static bool IsInsideFolder(string folder, string relativePath)
    {
        string full = Path.GetFullPath(Path.Join(folder, relativePath));
        return full.StartsWith(folder + "/", StringComparison.Ordinal) && File.Exists(full);
    }

    private static void Fail(List<string> problems, Func<string> describe)
    {
        if (problems.Count > 0)
            throw new FuzzFailure($"{problems.Count} broken rules:\n  {string.Join("\n  ", problems.Take(20))}\nfor {describe()}");
    }

    [GeneratedRegex("\r\n|\r|\n|\u0085|\u2028|\u2029")]
    private static partial Regex YamlLineBreak();

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex CrLfLineBreak();
}
