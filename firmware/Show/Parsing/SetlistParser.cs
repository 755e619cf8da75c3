using StageBox.Engine.Songs;
using StageBox.Show.Model;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// Reads a setlist file: a title (the file name when absent) and songs in order, each a song
/// folder name, optionally with its own end. The same song may appear twice (a reprise).
/// </summary>
internal sealed class SetlistParser(SourceFile file, IReadOnlyCollection<string> songIds)
{
    private static readonly string[] Fields = ["title", "songs"];
    private static readonly string[] EntryFields = ["song", "end"];

    private readonly ValueReader _values = new(file);

    public SetlistDefinition? Parse(YamlNode root, string name)
    {
        MappingFields? fields = MappingFields.Read(root, "setlist", "title: Friday", _values, Fields);
        if (fields is null) return null;
        string title = fields.ShownText("title", ShownTextLimits.Title) ?? name;
        YamlSequenceNode? list = fields.List("songs", "- midnight-drive", required: true);
        if (list is { Children.Count: 0 })
            file.Error(list, "the setlist has no songs", "list song folder names under 'songs:', one per line, e.g. - midnight-drive");
        SetlistEntry?[] entries = list?.Children.Select(ReadEntry).ToArray() ?? [];
        return file.HasErrors ? null : new SetlistDefinition(name, title, entries.OfType<SetlistEntry>().ToArray(), file.At(root));
    }

    private SetlistEntry? ReadEntry(YamlNode item)
    {
        if (item is YamlScalarNode) return Entry(item, end: null);
        MappingFields? fields = MappingFields.Read(item, "setlist entry", "{ song: slow-one, end: segue }", _values, EntryFields);
        if (fields is null) return null;
        SongEnd? end = fields.Optional("end") is { } endNode ? SongEndReader.Read(endNode, _values) : null;
        return fields.Required("song") is { } songNode ? Entry(songNode, end) : null;
    }

    private SetlistEntry? Entry(YamlNode songNode, SongEnd? end)
    {
        string? id = _values.Text(songNode, "song");
        if (id is null) return null;
        if (!songIds.Contains(id))
        {
            file.Error(songNode, $"there is no song '{id}' in the show's {ShowLayout.SongsFolder} folder", NearestName.Suggest(id, songIds, "song folders"));
            return null;
        }
        return new SetlistEntry(id, end, file.At(songNode));
    }
}
