using System.Text;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Show.Model;
using static StageBox.Show.Writing.YamlScalars;

namespace StageBox.Show.Writing;

/// <summary>
/// Writes song.yaml and setlist files in the layout users read in the README: one line per
/// tempo map entry, section, stem and cue, fields left out where they hold their default.
/// Reading the text back gives the same definition.
/// </summary>
public static class ShowYamlWriter
{
    public static string Song(SongDefinition song)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"title: {Text(song.Title)}");
        if (song.Artist is not null) yaml.AppendLine($"artist: {Text(song.Artist)}");
        yaml.AppendLine("tempo_map:");
        Meter? meter = null;
        foreach (TempoChange change in song.TempoMap)
        {
            yaml.AppendLine($"  - {TempoEntry(change, meter)}");
            meter = change.Meter ?? meter;
        }
        yaml.AppendLine($"count_in: {song.CountInBars}");
        if (song.Bars is int bars) yaml.AppendLine($"bars: {bars}");
        if (song.Sections.Count > 0)
        {
            yaml.AppendLine("sections:");
            foreach (SectionDefinition section in song.Sections) yaml.AppendLine($"  - {{ name: {Text(section.Name)}, bar: {section.Bar} }}");
        }
        yaml.AppendLine($"end: {End(song.End)}");
        yaml.AppendLine("click:");
        yaml.AppendLine($"  outputs: {List(song.Click.Outputs)}");
        yaml.AppendLine($"  level_db: {Number(song.Click.LevelDb)}");
        if (song.Click.Subdivision != 1) yaml.AppendLine($"  subdivision: {song.Click.Subdivision}");
        if (song.Click.AccentSample is not null) yaml.AppendLine($"  accent_sample: {Text(song.Click.AccentSample)}");
        if (song.Click.BeatSample is not null) yaml.AppendLine($"  beat_sample: {Text(song.Click.BeatSample)}");
        if (song.Stems.Count > 0)
        {
            yaml.AppendLine("stems:");
            foreach (StemDefinition stem in song.Stems)
            {
                var fields = new List<string> { $"file: {Text(stem.File)}" };
                if (stem.Channels is not null) fields.Add($"channels: {List(stem.Channels)}");
                fields.Add($"outputs: {List(stem.Outputs)}");
                if (stem.GainDb != 0) fields.Add($"gain_db: {Number(stem.GainDb)}");
                yaml.AppendLine($"  - {Flow(fields)}");
            }
        }
        if (song.Cues.Count > 0)
        {
            yaml.AppendLine("cues:");
            foreach (CueDefinition cue in song.Cues)
            {
                var fields = new List<string> { $"bar: {cue.Bar}", $"file: {Text(cue.File)}" };
                if (cue.Outputs is not null) fields.Add($"outputs: {List(cue.Outputs)}");
                if (cue.GainDb != 0) fields.Add($"gain_db: {Number(cue.GainDb)}");
                yaml.AppendLine($"  - {Flow(fields)}");
            }
        }
        return yaml.ToString();
    }

    public static string Setlist(SetlistDefinition setlist)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"title: {Text(setlist.Title)}");
        yaml.AppendLine("songs:");
        foreach (SetlistEntry entry in setlist.Songs)
            yaml.AppendLine(entry.End is SongEnd end ? $"  - {{ song: {Text(entry.SongId)}, end: {End(end)} }}" : $"  - {Text(entry.SongId)}");
        return yaml.ToString();
    }

    private static string TempoEntry(TempoChange change, Meter? meterInForce)
    {
        var fields = new List<string> { $"bar: {change.Bar}" };
        if (change.Tempo is double tempo) fields.Add($"tempo: {Number(tempo)}");
        if (change.Meter is Meter meter && !meter.Equals(meterInForce))
        {
            fields.Add($"meter: {meter.Numerator}/{meter.Denominator}");
            if (!meter.Groups.SequenceEqual(Meter.DefaultGroups(meter.Numerator, meter.Denominator))) fields.Add($"groups: {List(meter.Groups)}");
        }
        if (change.RampTo is double rampTo) fields.Add($"ramp_to: {Number(rampTo)}, ramp_bars: {change.RampBars}");
        return Flow(fields);
    }

    private static string End(SongEnd end) => end.ToString().ToLowerInvariant();
}
