using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads <c>click</c>: outputs, level, subdivision and optional sample files.</summary>
internal sealed class ClickParser(SongContext song)
{
    private static readonly string[] Fields = ["outputs", "level_db", "subdivision", "accent_sample", "beat_sample"];

    /// <summary>The click must never drown the band in the musicians' ears: at most +12 dB.</summary>
    public const double MaxLevelDb = 12;
    public const int MaxSubdivision = 4;

    /// <summary>
    /// A click sample is one hit, tens of milliseconds; it sounds on every beat, so one longer than
    /// a beat only overlaps itself. 2 s covers a beat down to 30 BPM and keeps each sample small in memory.
    /// </summary>
    public static readonly TimeSpan LongestSample = TimeSpan.FromSeconds(2);

    public ClickDefinition Parse(YamlNode node)
    {
        ClickDefinition defaults = ClickDefinition.Default(song.File.At(node));
        MappingFields? fields = MappingFields.Read(node, "click", "{ outputs: [1, 2], level_db: -6 }", song.Values, Fields);
        if (fields is null) return defaults;
        return new ClickDefinition(
            song.Outputs(fields, required: false) ?? defaults.Outputs,
            fields.Number("level_db", SongContext.MinLevelDb, MaxLevelDb, $"use {SongContext.MinLevelDb} to +{MaxLevelDb} dB") ?? defaults.LevelDb,
            fields.WholeNumber("subdivision", 1, MaxSubdivision, rangeFix: $"give 1 to {MaxSubdivision} clicks per beat; 2 adds the offbeats") ?? defaults.Subdivision,
            song.SampleFile(fields, "accent_sample", LongestSample, "a click sample"),
            song.SampleFile(fields, "beat_sample", LongestSample, "a click sample"),
            defaults.Where);
    }
}
