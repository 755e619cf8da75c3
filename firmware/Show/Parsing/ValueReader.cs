using System.Globalization;
using System.Numerics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// Turns YAML nodes into typed values. When a node does not fit, it reports why at the node
/// and returns null, so the caller simply carries on and every problem gets reported.
/// </summary>
internal sealed class ValueReader(SourceFile file)
{
    public SourceFile File { get; } = file;

    /// <summary>An empty value, <c>~</c> or <c>null</c>: YAML's way of writing nothing.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    public string? Text(YamlNode node, string name) => TextOf(node, $"'{name}'");

    /// <summary>
    /// Text the stage screen shows (a title, an artist, a section name): at most
    /// <paramref name="maxCharacters"/> characters (Unicode scalar values), so a stick cannot
    /// hand the screen a megabyte to measure.
    /// </summary>
    public string? ShownText(YamlNode node, string name, int maxCharacters)
    {
        string? text = Text(node, name);
        if (text is null) return null;
        int characters = text.EnumerateRunes().Count();
        if (characters <= maxCharacters) return text;
        File.Error(node, $"'{name}' is {characters} characters long; at most {maxCharacters} are allowed",
            $"shorten it to {maxCharacters} characters or fewer; the screen shows about 25 of them");
        return null;
    }

    public int? WholeNumber(YamlNode node, string name, int min, int max, string? rangeFix = null) =>
        WholeNumberOf(node, $"'{name}'", min, max, rangeFix);

    public double? Number(YamlNode node, string name, double min, double max, string? rangeFix = null)
    {
        string label = $"'{name}'";
        string? text = TextOf(node, label);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            File.Error(node, $"{label} must be a number, not '{text}'", "write a plain number with '.' for any fraction, such as 120 or -6.5");
            return null;
        }
        return IsInRange(node, label, value, min, max, rangeFix) ? value : null;
    }

    /// <summary>A list of whole numbers such as <c>[1, 2]</c>, each in range; with
    /// <paramref name="distinct"/>, naming the same number twice is an error.</summary>
    public IReadOnlyList<int>? NumberList(YamlNode node, string name, int min, int max, bool distinct, string? rangeFix = null)
    {
        YamlSequenceNode? list = List(node, name, $"{name}: [{min}, {min + 1}]");
        if (list is null) return null;
        if (list.Children.Count == 0)
        {
            File.Error(node, $"'{name}' is empty", $"list at least one number, e.g. {name}: [{min}]");
            return null;
        }
        var numbers = new List<int>();
        bool allGood = true;
        foreach (YamlNode item in list.Children)
        {
            int? number = WholeNumberOf(item, $"an entry of '{name}'", min, max, rangeFix);
            if (number is null)
            {
                allGood = false;
            }
            else if (distinct && numbers.Contains(number.Value))
            {
                File.Error(item, $"{number} appears twice in '{name}'", "list each number once");
                allGood = false;
            }
            else
            {
                numbers.Add(number.Value);
            }
        }
        return allGood ? numbers : null;
    }

    public YamlSequenceNode? List(YamlNode node, string name, string example)
    {
        if (node is YamlSequenceNode list) return list;
        File.Error(node, $"'{name}' must be a list, not {Describe(node)}", $"write it as a list, e.g. {example}");
        return null;
    }

    public YamlMappingNode? Mapping(YamlNode node, string what, string example)
    {
        if (node is YamlMappingNode mapping) return mapping;
        File.Error(node, $"a {what} is written as 'field: value' pairs, not as {Describe(node)}", $"e.g. {example}");
        return null;
    }

    /// <summary><paramref name="label"/> names the value in messages: "'tempo'", "an entry of 'outputs'".</summary>
    private string? TextOf(YamlNode node, string label)
    {
        if (node is not YamlScalarNode scalar)
        {
            File.Error(node, $"{label} must be a single value, not {Describe(node)}", "write one value here, on one line");
            return null;
        }
        string text = IsNull(node) ? "" : scalar.Value!.Trim();
        if (text.Length == 0)
        {
            File.Error(node, $"{label} is empty", "give it a value or remove it");
            return null;
        }
        return text;
    }

    private int? WholeNumberOf(YamlNode node, string label, int min, int max, string? rangeFix)
    {
        string? text = TextOf(node, label);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            File.Error(node, $"{label} must be a whole number, not '{text}'", "write digits only, such as 4");
            return null;
        }
        return IsInRange(node, label, value, min, max, rangeFix) ? value : null;
    }

    private bool IsInRange<T>(YamlNode node, string label, T value, T min, T max, string? rangeFix) where T : INumber<T>, IMinMaxValue<T>
    {
        if (value >= min && value <= max) return true;
        string allowed = max == T.MaxValue ? $"at least {min}" : $"from {min} to {max}";
        File.Error(node, $"{label} is {value}, out of range", rangeFix ?? $"use a value {allowed}");
        return false;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(node) || scalar.Value is null => "an empty value",
        YamlScalarNode scalar => $"the single value '{scalar.Value}'",
        _ => "an alias",
    };
}
