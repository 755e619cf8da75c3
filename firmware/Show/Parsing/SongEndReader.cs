using StageBox.Engine.Songs;
using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads an <c>end</c> value (stop, next or segue), in a song or a setlist entry.</summary>
internal static class SongEndReader
{
    private static readonly Dictionary<string, SongEnd> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stop"] = SongEnd.Stop,
        ["next"] = SongEnd.Next,
        ["segue"] = SongEnd.Segue,
    };

    public static SongEnd? Read(YamlNode node, ValueReader values)
    {
        string? text = values.Text(node, "end");
        if (text is null) return null;
        if (ByName.TryGetValue(text, out SongEnd end)) return end;
        values.File.Error(node, $"unknown end '{text}'", NearestName.Suggest(text, ByName.Keys, "'end' is one of"));
        return null;
    }
}
