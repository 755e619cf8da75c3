using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// The fields of one YAML mapping (a song, a stem, a tempo map entry...), checked against the
/// names that may appear there. Unknown names are reported once, with the nearest known name,
/// because a misspelt optional field would otherwise be silently ignored.
/// </summary>
internal sealed class MappingFields
{
    private readonly YamlMappingNode _mapping;
    private readonly string _what;
    private readonly ValueReader _values;
    private readonly Dictionary<string, YamlNode> _byName = new(StringComparer.Ordinal);

    private MappingFields(YamlMappingNode mapping, string what, ValueReader values)
    {
        _mapping = mapping;
        _what = what;
        _values = values;
    }

    /// <summary>Reads <paramref name="node"/> as a mapping of the <paramref name="known"/> fields,
    /// or reports why it is not one and returns null.</summary>
    public static MappingFields? Read(YamlNode node, string what, string example, ValueReader values, IReadOnlyList<string> known)
    {
        YamlMappingNode? mapping = values.Mapping(node, what, example);
        if (mapping is null) return null;
        var fields = new MappingFields(mapping, what, values);
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            string? name = (key as YamlScalarNode)?.Value;
            if (name is null)
                values.File.Error(key, $"a field name in a {what} must be a plain word", $"fields of a {what}: {string.Join(", ", known)}");
            else if (!known.Contains(name))
                values.File.Error(key, $"unknown field '{name}' in a {what}", NearestName.Suggest(name, known, $"fields of a {what}"));
            else
                fields._byName[name] = value;
        }
        return fields;
    }

    /// <summary>The field's value node; null when it is absent or written empty.</summary>
    public YamlNode? Optional(string name) =>
        _byName.TryGetValue(name, out YamlNode? value) && !ValueReader.IsNull(value) ? value : null;

    public YamlNode? Required(string name)
    {
        YamlNode? value = Optional(name);
        if (value is null)
        {
            string problem = _byName.ContainsKey(name) ? $"'{name}' has no value" : $"missing '{name}'";
            _values.File.Error(_byName.GetValueOrDefault(name) ?? _mapping, problem, $"every {_what} needs '{name}:' with a value");
        }
        return value;
    }

    public string? Text(string name, bool required = false) =>
        Field(name, required) is { } node ? _values.Text(node, name) : null;

    /// <summary>Text the stage screen shows, capped at <paramref name="maxCharacters"/> (see <see cref="ShownTextLimits"/>).</summary>
    public string? ShownText(string name, int maxCharacters, bool required = false) =>
        Field(name, required) is { } node ? _values.ShownText(node, name, maxCharacters) : null;

    public int? WholeNumber(string name, int min, int max, bool required = false, string? rangeFix = null) =>
        Field(name, required) is { } node ? _values.WholeNumber(node, name, min, max, rangeFix) : null;

    public double? Number(string name, double min, double max, string? rangeFix = null) =>
        Optional(name) is { } node ? _values.Number(node, name, min, max, rangeFix) : null;

    public IReadOnlyList<int>? NumberList(string name, int min, int max, bool distinct, bool required = false, string? rangeFix = null) =>
        Field(name, required) is { } node ? _values.NumberList(node, name, min, max, distinct, rangeFix) : null;

    public YamlSequenceNode? List(string name, string example, bool required = false) =>
        Field(name, required) is { } node ? _values.List(node, name, example) : null;

    private YamlNode? Field(string name, bool required) => required ? Required(name) : Optional(name);
}
