using StageBox.Hal.AudioFiles;
using StageBox.Show.Files;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>What the parts of one song.yaml are read against: the file, the song folder,
/// the device's output count and the song's length in bars when it gives one.</summary>
internal sealed class SongContext(ValueReader values, SongFolder folder, int outputChannels, int? bars)
{
    /// <summary>Below -96 dB a 16-bit signal is gone, so that is the quietest level worth writing.</summary>
    public const double MinLevelDb = -96;
    /// <summary>Stems and cues may be boosted this much; more would only clip.</summary>
    public const double MaxGainDb = 24;

    public ValueReader Values { get; } = values;

    public SourceFile File => Values.File;

    /// <summary>An <c>outputs</c> list: device outputs, 1-based, each named once.</summary>
    public IReadOnlyList<int>? Outputs(MappingFields fields, bool required) =>
        fields.NumberList("outputs", 1, outputChannels, distinct: true, required,
            $"the device has outputs 1 to {outputChannels}");

    /// <summary>A <c>gain_db</c> field, 0 dB when absent.</summary>
    public double Gain(MappingFields fields) =>
        fields.Number("gain_db", MinLevelDb, MaxGainDb, $"use {MinLevelDb} to +{MaxGainDb} dB; 0 plays the file as it is") ?? 0;

    /// <summary>A field naming an audio file in the song folder: the path as written and, when
    /// the file is usable, its header.</summary>
    public (string? Path, AudioFileInfo? Header) AudioFile(MappingFields fields, string name, bool required = false)
    {
        string? path = fields.Text(name, required);
        return path is null ? (null, null) : (path, folder.Probe(fields.Optional(name)!, path));
    }

    /// <summary>Reports a bar after the song's last bar, when the song states its length.</summary>
    public void CheckWithinSong(YamlNode barNode, int bar, string what)
    {
        if (bar > bars)
            File.Error(barNode, $"{what} at bar {bar} is after the song's last bar ({bars})", $"move it to bar {bars} or earlier, or raise 'bars'");
    }
}
