using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads <c>cues</c>: one-shot files that play from a bar.</summary>
internal sealed class CuesParser(SongContext song)
{
    private static readonly string[] Fields = ["bar", "file", "outputs", "gain_db"];

    /// <summary>
    /// A cue is a spoken count, a chime, a sample: seconds. 30 s leaves room for a long spoken
    /// intro and bounds what each cue holds in memory (30 s of stereo at 48 kHz is 11 MB);
    /// anything longer is what stems, streamed from disk, are for.
    /// </summary>
    public static readonly TimeSpan LongestCue = TimeSpan.FromSeconds(30);

    public IReadOnlyList<CueDefinition> Parse(YamlNode node)
    {
        YamlSequenceNode? list = song.Values.List(node, "cues", "- { bar: 9, file: cues/verse.wav }");
        return list is null ? [] : list.Children.Select(ReadCue).OfType<CueDefinition>().ToArray();
    }

    private CueDefinition? ReadCue(YamlNode item)
    {
        MappingFields? fields = MappingFields.Read(item, "cue", "{ bar: 9, file: cues/verse.wav }", song.Values, Fields);
        if (fields is null) return null;
        int? bar = fields.WholeNumber("bar", 1, int.MaxValue, required: true);
        if (bar is not null) song.CheckWithinSong(fields.Optional("bar")!, bar.Value, "the cue");
        string? file = song.SampleFile(fields, "file", LongestCue, "a cue", required: true);
        IReadOnlyList<int>? outputs = song.Outputs(fields, required: false);
        double gain = song.Gain(fields);
        return bar is null || file is null ? null : new CueDefinition(bar.Value, file, outputs, gain, song.File.At(item));
    }
}
