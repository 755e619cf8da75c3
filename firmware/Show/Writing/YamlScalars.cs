using System.Globalization;
using System.Text.Json;

namespace StageBox.Show.Writing;

/// <summary>
/// Values written into show files the way a person would type them: plain where YAML reads
/// them back unchanged, quoted only where it would not. Shared by every writer of show files.
/// </summary>
internal static class YamlScalars
{
    public static string Flow(IEnumerable<string> fields) => $"{{ {string.Join(", ", fields)} }}";

    public static string List(IEnumerable<int> values) => $"[{string.Join(", ", values)}]";

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Plain when YAML reads it back as the same string, else double-quoted (JSON escapes are valid YAML).</summary>
    public static string Text(string value)
    {
        bool plain = value.Length > 0 && char.IsLetterOrDigit(value[0])
            && value.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '/' or '\'' or '(' or ')')
            && !char.IsWhiteSpace(value[^1])
            && !double.TryParse(value, CultureInfo.InvariantCulture, out _)
            && value.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~");
        return plain ? value : $"\"{JsonEncodedText.Encode(value)}\"";
    }
}
