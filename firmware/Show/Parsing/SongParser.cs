using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Show.Files;
using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// Reads a song.yaml into a <see cref="SongDefinition"/>, checking it against its folder's audio
/// files and the device's outputs. Every part is read even after a problem, so one pass
/// reports them all; the song is returned only when there are none.
/// </summary>
internal sealed class SongParser(SourceFile file, string songFolder, int outputChannels)
{
    /// <summary>One bar of click before bar 1 unless the song says otherwise: enough to give the
    /// band the tempo, and what most click tracks do.</summary>
    public const int DefaultCountInBars = 1;
    public const int MaxCountInBars = 16;

    private static readonly string[] Fields =
        ["title", "artist", "tempo_map", "count_in", "bars", "sections", "end", "click", "stems", "cues"];

    public SongDefinition? Parse(YamlNode root, string id)
    {
        var values = new ValueReader(file);
        MappingFields? fields = MappingFields.Read(root, "song", "title: Midnight Drive", values, Fields);
        if (fields is null) return null;

        string? title = fields.ShownText("title", ShownTextLimits.Title, required: true);
        string? artist = fields.ShownText("artist", ShownTextLimits.Title);
        int countIn = fields.WholeNumber("count_in", 0, MaxCountInBars,
            rangeFix: $"give 0 (no count-in) to {MaxCountInBars} bars") ?? DefaultCountInBars;
        int? bars = fields.WholeNumber("bars", 1, int.MaxValue);
        var song = new SongContext(values, new SongFolder(songFolder, file), outputChannels, bars);

        IReadOnlyList<TempoChange>? tempoMap = fields.Required("tempo_map") is { } tempoNode ? new TempoMapParser(song).Parse(tempoNode) : null;
        IReadOnlyList<SectionDefinition> sections = fields.Optional("sections") is { } sectionsNode ? new SectionsParser(song).Parse(sectionsNode) : [];
        SongEnd end = fields.Optional("end") is { } endNode ? SongEndReader.Read(endNode, values) ?? SongEnd.Stop : SongEnd.Stop;
        ClickDefinition click = fields.Optional("click") is { } clickNode ? new ClickParser(song).Parse(clickNode) : ClickDefinition.Default(file.At(root));
        IReadOnlyList<StemDefinition> stems = fields.Optional("stems") is { } stemsNode ? new StemsParser(song).Parse(stemsNode) : [];
        IReadOnlyList<CueDefinition> cues = fields.Optional("cues") is { } cuesNode ? new CuesParser(song).Parse(cuesNode) : [];

        bool clickOnly = fields.Optional("stems") is null or YamlSequenceNode { Children.Count: 0 };
        if (clickOnly && fields.Optional("bars") is null)
            file.Error(root, "a song without stems must give its length in 'bars'", "add e.g. 'bars: 64'; with stems the song lasts until the longest one ends");

        if (file.HasErrors || title is null || tempoMap is null) return null;
        return new SongDefinition(id, Path.GetFullPath(songFolder), title, artist, tempoMap, countIn, bars, sections, end, click, stems, cues, file.At(root));
    }
}
