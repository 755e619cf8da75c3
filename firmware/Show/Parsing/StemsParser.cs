using StageBox.Media.AudioFiles;
using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads <c>stems</c>: each file with the channels it plays and the outputs they go to.</summary>
internal sealed class StemsParser(SongContext song)
{
    private static readonly string[] Fields = ["file", "outputs", "channels", "gain_db"];

    public IReadOnlyList<StemDefinition> Parse(YamlNode node)
    {
        YamlSequenceNode? list = song.Values.List(node, "stems", "- { file: drums.wav, outputs: [3, 4] }");
        return list is null ? [] : list.Children.Select(ReadStem).OfType<StemDefinition>().ToArray();
    }

    private StemDefinition? ReadStem(YamlNode item)
    {
        MappingFields? fields = MappingFields.Read(item, "stem", "{ file: drums.wav, outputs: [3, 4] }", song.Values, Fields);
        if (fields is null) return null;
        (string? file, AudioFileInfo? header) = song.AudioFile(fields, "file", required: true);
        IReadOnlyList<int>? outputs = song.Outputs(fields, required: true);
        IReadOnlyList<int>? channels = fields.NumberList("channels", 1, AudioFileReader.MaxChannels, distinct: true);
        double gain = song.Gain(fields);
        if (file is not null) CheckRouting(fields, file, header, channels, outputs);
        return file is null || outputs is null ? null : new StemDefinition(file, channels, outputs, gain, song.File.At(item));
    }

    /// <summary>The chosen channels must exist, and map one to one onto the outputs,
    /// except a single channel, which may feed any number of outputs.</summary>
    private void CheckRouting(MappingFields fields, string file, AudioFileInfo? header, IReadOnlyList<int>? channels, IReadOnlyList<int>? outputs)
    {
        if (header is { } h && channels is not null && channels.Max() > h.Channels)
            song.File.Error(fields.Optional("channels")!, $"'{file}' has {Channels(h.Channels)}, so there is no channel {channels.Max()}",
                $"choose channels from 1 to {h.Channels}");
        int? playing = channels?.Count ?? header?.Channels;
        if (playing is int n && n != 1 && outputs is not null && n != outputs.Count)
            song.File.Error(fields.Optional("outputs")!, $"{Channels(n)} of '{file}' cannot go to {outputs.Count} output{(outputs.Count == 1 ? "" : "s")}",
                $"give {n} outputs, one per channel, or pick a single channel (channels: [1]) to feed any number of outputs");
    }

    private static string Channels(int count) => count == 1 ? "1 channel" : $"{count} channels";
}
