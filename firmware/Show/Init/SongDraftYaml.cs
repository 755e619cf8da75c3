using System.Globalization;
using System.Text;
using static StageBox.Show.Writing.YamlScalars;

namespace StageBox.Show.Init;

/// <summary>
/// The text of a starting song.yaml. The technician edits this file, so it is written by hand
/// rather than serialized: every guess is marked CHECK, and every file not played is named in
/// a comment with the reason, where the technician will look for it.
/// </summary>
public static class SongDraftYaml
{
    public static string Write(SongDraft draft)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Starting song.yaml written by stagebox init from the audio files in this folder.");
        yaml.AppendLine("# Check it before the show, above all the tempo: a DAW export of stems does not carry it.");
        yaml.AppendLine($"title: {Text(draft.Title)}");
        yaml.AppendLine("tempo_map:");
        yaml.AppendLine($"  # {TempoNote(draft)}");
        yaml.AppendLine($"  - {{ bar: 1, tempo: {Number(draft.Tempo)}, meter: 4/4 }}");
        if (draft.Bars is int bars)
            yaml.AppendLine($"bars: {bars}  # CHECK: no stem plays, so the song's length is set here: {BarsNote(draft, bars)}");
        yaml.AppendLine("count_in: 1  # bars of click before bar 1; 0 = none");
        yaml.AppendLine("end: stop  # stop | next | segue");
        yaml.AppendLine("click:");
        yaml.AppendLine($"  outputs: {List(draft.Routing.ClickOutputs)}");
        Stems(yaml, draft);
        Skipped(yaml, draft);
        return yaml.ToString();
    }

    private static string TempoNote(SongDraft draft) => draft.TempoFrom is { } name
        ? $"CHECK: tempo {Number(draft.Tempo)} is taken from the name '{Comment(name)}'; 4/4 is a guess. Set the real tempo and meter."
        : $"CHECK: {Number(draft.Tempo)} is a placeholder, not the song's tempo. Set the real tempo and meter (4/4 is a guess).";

    private static string BarsNote(SongDraft draft, int bars)
    {
        StemFile longest = draft.Scan.Audio.MaxBy(f => f.Info.Duration)!;
        return $"the longest file, {Comment(longest.Name)}, lasts {Length(longest)} ({Bars(bars)} of 4/4 at {Number(draft.Tempo)})";
    }

    private static void Stems(StringBuilder yaml, SongDraft draft)
    {
        StemRouting routing = draft.Routing;
        if (routing.Routed.Count == 0 && routing.LeftOut.Count == 0) return;
        // An empty or comment-only 'stems:' does not load, so with nothing routed the whole block is a comment.
        string off = routing.Routed.Count == 0 ? "# " : "";
        yaml.AppendLine($"{off}stems:");
        if (draft.Lengths is ({ } longest, var shorter))
        {
            yaml.AppendLine($"  # In file name order. The longest, {Comment(longest.Name)}, lasts {Length(longest)} (about "
                + $"{Bars(SongDraft.BarsLasting(longest.Info.Duration, draft.Tempo))} of 4/4 at {Number(draft.Tempo)}); the song ends with it.");
            if (shorter is not null)
                yaml.AppendLine($"  # The stems differ in length: the shortest, {Comment(shorter.Name)}, lasts {Length(shorter)}.");
        }
        foreach (RoutedStem stem in routing.Routed)
            yaml.AppendLine($"  - {Flow([$"file: {Text(stem.File.Name)}", $"outputs: {List(stem.Outputs)}"])}");
        if (routing.LeftOut.Count > 0) LeftOut(yaml, routing, stemsCommentedOut: off.Length > 0);
    }

    /// <summary>Each stem that found no free output, as a line that loads once uncommented, where outputs can be shared.</summary>
    private static void LeftOut(StringBuilder yaml, StemRouting routing, bool stemsCommentedOut)
    {
        LeftOutStem first = routing.LeftOut[0];
        yaml.AppendLine($"  # The device has {routing.OutputChannels} outputs (audio.channels in the configuration): {Comment(first.File.Name)} needs "
            + $"{first.File.Info.Channels} and {Free(routing.FreeOutputs)}, so it and the stems after it are left out.");
        if (routing.LeftOut.Any(s => s.SharedOutputs is not null))
            yaml.AppendLine($"  # To play one anyway, uncomment it{(stemsCommentedOut ? " and 'stems:'" : "")}: it mixes onto outputs already in use. Or submix the stems.");
        int stemOutputs = routing.OutputChannels - routing.ClickOutputs.Count;
        foreach (LeftOutStem stem in routing.LeftOut)
        {
            yaml.AppendLine(stem.SharedOutputs is { } outputs
                ? $"  # - {Flow([$"file: {Text(stem.File.Name)}", $"outputs: {List(outputs)}"])}"
                : $"  # {Comment(stem.File.Name)}: {stem.File.Info.Channels} channel{(stem.File.Info.Channels == 1 ? "" : "s")}, "
                    + (stemOutputs == 0 ? "and every output is the click's" : $"more than the {stemOutputs} outputs after the click"));
        }
    }

    private static void Skipped(StringBuilder yaml, SongDraft draft)
    {
        if (draft.ClickTracks.Count > 0)
            yaml.AppendLine($"# Left out as a click track (the box plays its own click, in time with tempo_map; to play the file instead, add it as a stem): {Names(draft.ClickTracks.Select(f => f.Name))}");
        if (draft.Scan.NotAudio.Count > 0)
            yaml.AppendLine($"# Not audio, left out: {Names(draft.Scan.NotAudio)}");
        foreach (UnusableFile file in draft.Scan.Unusable)
            yaml.AppendLine($"# Cannot be used, left out: {Comment(file.Name)}: {Comment(file.Problem)}");
        if (draft.Scan.Hidden > 0)
            yaml.AppendLine($"# Hidden files ignored: {draft.Scan.Hidden} (macOS leaves a '._' twin of each file on a stick)");
    }

    private static string Bars(int bars) => bars == 1 ? "1 bar" : $"{bars} bars";

    private static string Free(int outputs) => outputs switch { 0 => "none is free", 1 => "1 is free", _ => $"{outputs} are free" };

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(Comment));

    /// <summary>m:ss.fff, the way DAWs show lengths.</summary>
    public static string Length(StemFile file)
    {
        TimeSpan length = file.Info.Duration;
        return ((int)length.TotalMinutes).ToString(CultureInfo.InvariantCulture) + length.ToString(@"\:ss\.fff", CultureInfo.InvariantCulture);
    }

    /// <summary>A file name inside a comment: a line break in it (Linux allows one) would end the comment and break the YAML.</summary>
    private static string Comment(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
