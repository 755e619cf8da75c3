using StageBox.Engine.Timeline;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// Reads <c>tempo_map</c>: entries in bar order, the first at bar 1 with the tempo, none
/// inside a ramp. Produces the engine's <see cref="TempoChange"/> records.
/// </summary>
internal sealed class TempoMapParser(SongContext song)
{
    private static readonly string[] ChangeFields = ["tempo", "meter", "groups", "ramp_to", "ramp_bars"];
    private static readonly string[] EntryFields = ["bar", .. ChangeFields];
    private const string EntryExample = "{ bar: 17, tempo: 128 }";
    private const string TempoFix = "give the tempo in quarter notes per minute, from 1 to 1000";

    private readonly MeterReader _meters = new(song.Values);
    private int? _previousBar;
    private (int Start, int End)? _ramp;

    public IReadOnlyList<TempoChange>? Parse(YamlNode node)
    {
        int errorsBefore = song.File.ErrorCount;
        YamlSequenceNode? list = song.Values.List(node, "tempo_map", "- { bar: 1, tempo: 120, meter: 4/4 }");
        if (list is null) return null;
        if (list.Children.Count == 0)
        {
            song.File.Error(node, "'tempo_map' is empty", "start it with the song's first tempo, e.g. - { bar: 1, tempo: 120 }");
            return null;
        }
        var changes = new List<TempoChange>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            if (ReadEntry(list.Children[i], isFirst: i == 0) is { } change) changes.Add(change);
        }
        if (song.File.ErrorCount != errorsBefore) return null;
        try
        {
            _ = new TempoMap(changes);
        }
        catch (ArgumentException e)
        {
            // The checks here mirror TempoMap's own; this only guards against the two drifting apart.
            song.File.Error(node, $"the tempo map is inconsistent: {e.Message}", "check the entries' bars, tempos and ramps");
            return null;
        }
        return changes;
    }

    private TempoChange? ReadEntry(YamlNode item, bool isFirst)
    {
        MappingFields? entry = MappingFields.Read(item, "tempo_map entry", EntryExample, song.Values, EntryFields);
        if (entry is null) return null;
        int? bar = ReadBar(entry, isFirst);
        double? tempo = entry.Number("tempo", TempoMap.MinTempo, TempoMap.MaxTempo, TempoFix);
        if (isFirst && entry.Optional("tempo") is null)
            song.File.Error(item, "the first tempo_map entry does not give the tempo", "add the starting tempo, e.g. { bar: 1, tempo: 120 }");
        Meter? meter = _meters.Read(entry);
        (double To, int Bars)? ramp = ReadRamp(entry);
        if (bar is not null && ramp is not null)
        {
            // The sum is taken wide: in int, a ramp near the last bar an int can count would end at a negative bar.
            long rampEnd = (long)bar.Value + ramp.Value.Bars;
            if (rampEnd > int.MaxValue)
                song.File.Error(entry.Optional("ramp_bars")!, $"the ramp from bar {bar} over {ramp.Value.Bars} bars would end past bar {int.MaxValue}, the last there can be",
                    "shorten the ramp or start it earlier");
            else
                _ramp = (bar.Value, (int)rampEnd);
        }
        if (!isFirst && !ChangeFields.Any(name => entry.Optional(name) is not null))
            song.File.Error(item, "this tempo_map entry changes nothing", "add tempo, meter, groups or ramp_to, or remove the entry");
        return bar is null ? null : new TempoChange(bar.Value, tempo, meter, ramp?.To, ramp?.Bars ?? 0);
    }

    private int? ReadBar(MappingFields entry, bool isFirst)
    {
        int? bar = entry.WholeNumber("bar", 1, int.MaxValue, required: true);
        if (bar is not int value) return null;
        YamlNode barNode = entry.Optional("bar")!;
        if (isFirst && value != 1)
            song.File.Error(barNode, $"the tempo map starts at bar {value}, not bar 1", "make the first entry bar 1: it sets the song's starting tempo and meter");
        else if (value <= _previousBar)
            song.File.Error(barNode, $"bar {value} comes after bar {_previousBar}: tempo_map bars must increase", "list the entries in bar order, one entry per bar");
        else if (_ramp is { } ramp && value < ramp.End)
            song.File.Error(barNode, $"bar {value} falls inside the ramp from bar {ramp.Start} to bar {ramp.End}", $"move this entry to bar {ramp.End} or later, or shorten the ramp");
        song.CheckWithinSong(barNode, value, "the tempo_map entry");
        _previousBar = Math.Max(value, _previousBar ?? value);
        return value;
    }

    /// <summary>ramp_to and ramp_bars come together; a ramp lasts at least a bar.</summary>
    private (double To, int Bars)? ReadRamp(MappingFields entry)
    {
        double? to = entry.Number("ramp_to", TempoMap.MinTempo, TempoMap.MaxTempo, TempoFix);
        int? bars = entry.WholeNumber("ramp_bars", 1, int.MaxValue, rangeFix: "a ramp lasts at least 1 bar");
        YamlNode? toNode = entry.Optional("ramp_to");
        YamlNode? barsNode = entry.Optional("ramp_bars");
        if (toNode is not null && barsNode is null)
            song.File.Error(toNode, "ramp_to is given without ramp_bars", "add ramp_bars: the number of bars the ramp lasts");
        if (barsNode is not null && toNode is null)
            song.File.Error(barsNode, "ramp_bars is given without ramp_to", "add ramp_to: the tempo the ramp reaches");
        return to is not null && bars is not null ? (to.Value, bars.Value) : null;
    }
}
