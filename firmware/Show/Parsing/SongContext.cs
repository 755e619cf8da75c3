using StageBox.Media.AudioFiles;
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

    /// <summary>
    /// A file played from memory (a cue or a click sample), which the box decodes whole into the
    /// playing process: reported when it lasts longer than <paramref name="longest"/>, so a
    /// stick cannot fill the box's memory with one (a 2-minute stereo cue took 44 MB).
    /// </summary>
    public string? SampleFile(MappingFields fields, string name, TimeSpan longest, string what, bool required = false)
    {
        (string? path, AudioFileInfo? header) = AudioFile(fields, name, required);
        if (header is { } found && found.Duration > longest)
            File.Error(fields.Optional(name)!, $"'{path}' lasts {found.Duration.TotalSeconds:0.0} s; {what} may last at most {longest.TotalSeconds:0} s",
                $"{what} is held in the box's memory while the song plays: cut the file to {longest.TotalSeconds:0} s or less, or play it as a stem");
        return path;
    }

    /// <summary>Reports a bar after the song's last bar, when the song states its length.</summary>
    public void CheckWithinSong(YamlNode barNode, int bar, string what)
    {
        if (bar > bars)
            File.Error(barNode, $"{what} at bar {bar} is after the song's last bar ({bars})", $"move it to bar {bars} or earlier, or raise 'bars'");
    }
}
