using System.Text;
using System.Text.RegularExpressions;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// Spoils valid YAML files the way hand edits, broken editors, bad sticks and attackers do:
/// line edits, splices from other files, boundary numbers, YAML-hostile tokens (anchors,
/// aliases, alias bombs, merge keys, tags, deep nesting, huge scalars, document markers),
/// foreign line ends, and byte damage (flipped bits, invalid UTF-8, byte order marks, NULs).
/// Everything is drawn from the <see cref="Random"/> passed in, so a seed gives the same
/// files every time, on every machine.
/// </summary>
internal sealed partial class YamlMutator(IReadOnlyList<string> corpus)
{
    public enum Kind
    {
        DeleteLine, DuplicateLine, SwapLines, MoveLine, SpliceLine, RepeatLine,
        ReplaceValue, ReplaceNumber, InsertToken, Indentation, UnclosedQuote, DocumentMarker,
        DeepNesting, LongScalar, AliasBomb, MergeKey, LineEnds, Truncate, CharNoise,
        // Byte-level kinds come last: they run after every text edit of a case.
        FlipBits, InvalidUtf8, ByteOrderMark, NulBytes,
    }

    /// <summary>How often each kind is drawn, out of the sum: line and value edits most, the heavy ones rarely.</summary>
    private static readonly (Kind Kind, int Weight)[] Weights =
    [
        (Kind.DeleteLine, 8), (Kind.DuplicateLine, 6), (Kind.SwapLines, 5), (Kind.MoveLine, 3), (Kind.SpliceLine, 8), (Kind.RepeatLine, 2),
        (Kind.ReplaceValue, 14), (Kind.ReplaceNumber, 12), (Kind.InsertToken, 10), (Kind.Indentation, 5), (Kind.UnclosedQuote, 3), (Kind.DocumentMarker, 2),
        (Kind.DeepNesting, 2), (Kind.LongScalar, 2), (Kind.AliasBomb, 2), (Kind.MergeKey, 3), (Kind.LineEnds, 2), (Kind.Truncate, 2), (Kind.CharNoise, 5),
        (Kind.FlipBits, 4), (Kind.InvalidUtf8, 3), (Kind.ByteOrderMark, 2), (Kind.NulBytes, 2),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);

    /// <summary>Values at and beyond the edges of every field's range, in every spelling YAML or .NET might take for a number.</summary>
    public static readonly string[] BoundaryNumbers =
    [
        "0", "-0", "-1", "1", "2", "3", "4", "7", "8", "9", "12", "16", "17", "24", "32", "33", "64", "65", "96", "-96", "-97",
        "1000", "1001", "0.5", "0.999", "12.0001", "24.5", "-96.1", "1e3", "1E3", "+12", "007", "12.0", "1_000", "1,5", "12e", "1.2.3",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "99999999999999999999999",
        "1e309", "-1e309", "1e-320", "4.9e-324", "1.7976931348623157e308", "NaN", "nan", ".nan", ".NaN", "inf", ".inf", "-.inf", "+.inf",
        "Infinity", "-Infinity", "\u221E", "0x10", "0o17", "0b101", "\u0661\u0662", "\uFF11\uFF12\uFF10", "1\u00A0000", "\u22121",
    ];

    /// <summary>Values of the wrong kind or shape, names that lead out of the song, and escapes that make control characters.</summary>
    private static readonly string[] HostileValues =
    [
        "", "~", "null", "''", "\"\"", "true", "yes", "no", "on", "[]", "{}", "[1]", "[[1]]", "{a: 1}", "\"120\"", "'120'",
        "!!int 120", "!!float 1e3", "!!str 4/4", "!!binary aGVsbG8=", "!!python/object:os.system x", "!!python/object/apply:os.system [ls]",
        "!<tag:yaml.org,2002:int> 7", "!custom 1", "&n 120", "*n", "*undefined", "|\n  block", ">-\n  folded",
        "4/4", "4/0", "0/4", "64/32", "65/4", "3/3", "7 / 8", "999999/1", "1000000/4", "4/4/4", "x/4",
        "stop", "next", "segue", "Next", "SEGUE", "fade", "drums.wav", "bass.wav", "broken.wav", "../drums.wav", "../../../../etc/passwd",
        "/etc/passwd", "cues/../drums.wav", "./bass.wav", "cues", ".", "..", "song.yaml", "click/../../harbour-lights/pad.wav", "drums.wav/",
        "\"a\\0.wav\"", "\"\\x00\"", "\"\\u0000\"", "\"\\uD800\"", "\"\\U00110000\"", "\"\\e\\a\\b\"", "\"\\N\\_\\L\\P\"", "\"\\t\"",
        "midnight-drive", "harbour-lights", "seven-bridges", "Midnight-Drive", "midnight-drive/", "../seven-bridges", "encore",
        "\u202Eevil", "\U0001F3B8 guitar", "\u200B", "'it''s'", "\"unclosed", "'unclosed", "a: b", "a #b", "- x",
    ];

    /// <summary>Tokens that mean something to a YAML parser, and characters that mean trouble to a reader.</summary>
    private static readonly string[] HostileTokens =
    [
        "&a ", "*a", "*undefined", "&a", "<<: *a", "<<: ", "!!binary ", "!!python/object:os.system ", "!<tag:yaml.org,2002:str> ",
        "!custom ", "!!map ", "!!seq ", "!!set ", "!!omap ", "!!timestamp ", "? ", ": ", "- ", "# ", "|", ">", "|-", ">+", "|9",
        "@", "`", "%", "&", "*", "!", "\"", "'", "[", "]", "{", "}", ",", "\t", "\r", "\r\n", "\0", "\uFEFF", "\u0085", "\u2028",
        "\u200B", "\uFFFF", "\uFFFE", "\u202E", "\U0001F3B8", "---", "...", "%YAML 1.1\n---\n", "%TAG !e! tag:example.com,2000:\n---\n",
        "\"\\0\"", "\"\\x00\"", "\"\\u0000\"", "\"\\uD800\"", "\"\\U00110000\"", "? [a]\n: b\n", "? *a\n: b\n",
    ];

    private static readonly byte[][] InvalidUtf8Sequences =
    [
        [0xFF], [0xFE], [0x80], [0xC3], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly byte[][] ByteOrderMarks = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00]];

    private const string NoiseCharacters = "abcxyz019 :-,.[]{}#&*!|>'\"%@`?~\t\\/\u00E9\u00DF\u4E2D";

    /// <summary>Applies <paramref name="count"/> mutations drawn from <paramref name="random"/> to
    /// <paramref name="original"/>; returns the file's bytes and what was done, step by step.</summary>
    public (byte[] Bytes, IReadOnlyList<string> Steps) Mutate(Random random, string original, int count)
    {
        Kind[] kinds = Enumerable.Range(0, count).Select(_ => Draw(random)).ToArray();
        // Text edits first, then byte damage, each group in the order drawn.
        kinds = kinds.Where(k => k < Kind.FlipBits).Concat(kinds.Where(k => k >= Kind.FlipBits)).ToArray();
        var steps = new List<string>();
        string text = original;
        byte[]? bytes = null;
        foreach (Kind kind in kinds)
        {
            string step;
            if (kind < Kind.FlipBits)
                (text, step) = MutateText(random, kind, text);
            else
                (bytes, step) = MutateBytes(random, kind, bytes ?? Encoding.UTF8.GetBytes(text));
            steps.Add($"{kind}: {step}");
        }
        return (bytes ?? Encoding.UTF8.GetBytes(text), steps);
    }

    public static IReadOnlyList<Kind> AllKinds => Weights.Select(w => w.Kind).ToArray();

    private static Kind Draw(Random random)
    {
        int pick = random.Next(TotalWeight);
        foreach ((Kind kind, int weight) in Weights)
        {
            if (pick < weight) return kind;
            pick -= weight;
        }
        throw new InvalidOperationException("the weights do not add up");
    }

    private (string Text, string Step) MutateText(Random random, Kind kind, string text)
    {
        List<string> lines = [.. text.Split('\n')];
        int line = random.Next(lines.Count);
        switch (kind)
        {
            case Kind.DeleteLine:
                string deleted = lines[line];
                lines.RemoveAt(line);
                return (Join(lines), $"line {line + 1} {Show(deleted)}");
            case Kind.DuplicateLine:
                lines.Insert(line, lines[line]);
                return (Join(lines), $"line {line + 1} {Show(lines[line])}");
            case Kind.SwapLines:
                int other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return (Join(lines), $"lines {line + 1} and {other + 1}");
            case Kind.MoveLine:
                string moved = lines[line];
                lines.RemoveAt(line);
                int to = random.Next(lines.Count + 1);
                lines.Insert(to, moved);
                return (Join(lines), $"line {line + 1} {Show(moved)} to {to + 1}");
            case Kind.SpliceLine:
                string[] donor = corpus[random.Next(corpus.Count)].Split('\n');
                string spliced = donor[random.Next(donor.Length)];
                if (random.Next(3) == 0) spliced = new string(' ', random.Next(7)) + spliced.TrimStart();
                lines.Insert(line, spliced);
                return (Join(lines), $"{Show(spliced)} at line {line + 1}");
            case Kind.RepeatLine:
                // Far longer files are the size limit's business, which HostileYamlTests test once rather than here thousands of times.
                int times = Pick(random, [10, 100, 1_000, 5_000]);
                lines.InsertRange(line, Enumerable.Repeat(lines[line], times));
                return (Join(lines), $"line {line + 1} {Show(lines[line])} {times} more times");
            case Kind.ReplaceValue:
                return ReplaceMatch(random, text, ValuePattern(), Pick(random, random.Next(3) == 0 ? BoundaryNumbers : HostileValues));
            case Kind.ReplaceNumber:
                return ReplaceMatch(random, text, NumberPattern(), Pick(random, BoundaryNumbers));
            case Kind.InsertToken:
                string token = Pick(random, HostileTokens);
                int at = random.Next(lines[line].Length + 1);
                lines[line] = lines[line].Insert(at, token);
                return (Join(lines), $"{Show(token)} at line {line + 1} column {at + 1}");
            case Kind.Indentation:
                return Reindent(random, lines, line);
            case Kind.UnclosedQuote:
                string quote = random.Next(2) == 0 ? "\"" : "'";
                int colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                int quoteAt = colon >= 0 ? colon + 2 : random.Next(lines[line].Length + 1);
                lines[line] = lines[line].Insert(quoteAt, quote);
                return (Join(lines), $"{quote} at line {line + 1} column {quoteAt + 1}");
            case Kind.DocumentMarker:
                string marker = Pick(random, ["---", "...", "--- !!map", "%YAML 1.2\n---", "--- |\n  text", "---\n---"]);
                lines.Insert(line, marker);
                return (Join(lines), $"{Show(marker)} at line {line + 1}");
            case Kind.DeepNesting:
                return ReplaceMatch(random, text, ValuePattern(), Nesting(random));
            case Kind.LongScalar:
                int length = random.Next(20) switch { 0 => 1_100_000, < 6 => random.Next(65_536, 200_000), _ => random.Next(1_000, 10_000) };
                string scalar = random.Next(4) == 0 ? new string('9', length) : new string('x', length);
                return random.Next(4) == 0
                    ? (scalar + ": 1\n" + text, $"a key of {length} characters at the top")
                    : ReplaceMatch(random, text, ValuePattern(), scalar);
            case Kind.AliasBomb:
                return AliasBomb(random, text);
            case Kind.MergeKey:
                return MergeKey(random, lines);
            case Kind.LineEnds:
                string end = Pick(random, ["\r\n", "\r", "\u0085", "\u2028", "\u2029"]);
                return (string.Join(end, lines), $"every line ends with {Show(end)}");
            case Kind.Truncate:
                int keep = random.Next(text.Length + 1);
                return (text[..keep], $"after {keep} of {text.Length} characters");
            case Kind.CharNoise:
                return CharNoise(random, text);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a text mutation");
        }
    }

    private static (byte[] Bytes, string Step) MutateBytes(Random random, Kind kind, byte[] bytes)
    {
        var result = new List<byte>(bytes);
        switch (kind)
        {
            case Kind.FlipBits:
                if (result.Count == 0) return (bytes, "nothing to flip");
                int flips = random.Next(1, 9);
                var places = new List<string>();
                for (int i = 0; i < flips; i++)
                {
                    int at = random.Next(result.Count);
                    int bit = random.Next(8);
                    result[at] ^= (byte)(1 << bit);
                    places.Add($"{at}.{bit}");
                }
                return (result.ToArray(), $"byte.bit {string.Join(", ", places)}");
            case Kind.InvalidUtf8:
                byte[] sequence = Pick(random, InvalidUtf8Sequences);
                int where = random.Next(result.Count + 1);
                result.InsertRange(where, sequence);
                return (result.ToArray(), $"{Convert.ToHexString(sequence)} at byte {where}");
            case Kind.ByteOrderMark:
                byte[] mark = Pick(random, ByteOrderMarks);
                int markAt = random.Next(4) == 0 ? random.Next(result.Count + 1) : 0;
                result.InsertRange(markAt, mark);
                return (result.ToArray(), $"{Convert.ToHexString(mark)} at byte {markAt}");
            case Kind.NulBytes:
                int nuls = random.Next(1, 4);
                var at0 = new List<int>();
                for (int i = 0; i < nuls; i++)
                {
                    int at = random.Next(result.Count + 1);
                    result.Insert(at, 0);
                    at0.Add(at);
                }
                return (result.ToArray(), $"at bytes {string.Join(", ", at0)}");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a byte mutation");
        }
    }

    /// <summary>Replaces one match of <paramref name="pattern"/>'s "v" group, or inserts at a random place when nothing matches.</summary>
    private static (string Text, string Step) ReplaceMatch(Random random, string text, Regex pattern, string replacement)
    {
        Match[] matches = pattern.Matches(text).ToArray();
        if (matches.Length == 0)
        {
            int at = random.Next(text.Length + 1);
            return (text.Insert(at, replacement), $"nothing to replace; {Show(replacement)} inserted at {at}");
        }
        Group value = Pick(random, matches).Groups["v"];
        return (text[..value.Index] + replacement + text[(value.Index + value.Length)..], $"{Show(value.Value)} at {value.Index} -> {Show(replacement)}");
    }

    private static string Nesting(Random random)
    {
        int depth = Pick(random, [3, 16, 31, 32, 33, 64, 1_000, 100_000]);
        return random.Next(5) switch
        {
            0 => new string('[', depth) + "1" + new string(']', depth),
            1 => new string('[', depth),
            2 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            3 => string.Concat(Enumerable.Repeat("{a: ", depth)),
            _ => string.Concat(Enumerable.Repeat("[{a: ", depth)),
        };
    }

    private static (string Text, string Step) Reindent(Random random, List<string> lines, int line)
    {
        string original = lines[line];
        string indentation = original[..(original.Length - original.TrimStart(' ').Length)];
        (lines[line], string step) = random.Next(4) switch
        {
            0 => (new string(' ', random.Next(1, 5)) + original, "indented further"),
            1 => (original[Math.Min(indentation.Length, random.Next(1, 3))..], "indented less"),
            2 => (indentation.Replace("  ", "\t", StringComparison.Ordinal) + original.TrimStart(' '), "indented with tabs"),
            _ => (original.Replace(": ", ":\t", StringComparison.Ordinal), "tab after ':'"),
        };
        return (Join(lines), $"line {line + 1} {step}");
    }

    /// <summary>A billion-laughs ladder at the top of the file (ten aliases of ten aliases of... each level), then the
    /// last rung used where a value, a list entry or a key belongs.</summary>
    private static (string Text, string Step) AliasBomb(Random random, string text)
    {
        int levels = random.Next(3, 10);
        var ladder = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < levels; i++)
            ladder.Append($"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]\n");
        string top = $"lol{levels - 1}";
        switch (random.Next(4))
        {
            case 0: return (ladder + $"? *{top}\n: boom\n" + text, $"{levels} levels, used as a key");
            case 1: return (ladder + $"? [*{top}]\n: boom\n" + text, $"{levels} levels, inside a list key");
            case 2: return (ladder + text + $"\nboom: {{ *{top} : 1 }}\n", $"{levels} levels, as a key in a flow mapping");
            default:
                (string bombed, string step) = ReplaceMatch(random, ladder + text, ValuePattern(), $"*{top}");
                return (bombed, $"{levels} levels, as a value: {step}");
        }
    }

    /// <summary>Anchors a flow mapping and merges it into another with YAML 1.1's <c>&lt;&lt;</c> key.</summary>
    private static (string Text, string Step) MergeKey(Random random, List<string> lines)
    {
        int[] flow = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains('{', StringComparison.Ordinal)).ToArray();
        if (flow.Length == 0)
        {
            int at = random.Next(lines.Count + 1);
            lines.Insert(at, "<<: *base");
            return (Join(lines), $"'<<: *base' with no anchor at line {at + 1}");
        }
        int anchored = Pick(random, flow);
        int merged = Pick(random, flow);
        int brace = lines[anchored].IndexOf('{', StringComparison.Ordinal);
        lines[anchored] = lines[anchored].Insert(brace, "&base ");
        int mergeBrace = lines[merged].LastIndexOf('{') + 1;
        lines[merged] = lines[merged].Insert(mergeBrace, " <<: *base,");
        return (Join(lines), $"anchor on line {anchored + 1}, merged into line {merged + 1}");
    }

    private static (string Text, string Step) CharNoise(Random random, string text)
    {
        var builder = new StringBuilder(text);
        int edits = random.Next(1, 6);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(builder.Length + 1);
            char noise = NoiseCharacters[random.Next(NoiseCharacters.Length)];
            switch (random.Next(3))
            {
                case 0: builder.Insert(at, noise); break;
                case 1 when at < builder.Length: builder.Remove(at, 1); break;
                default: if (at < builder.Length) builder[at] = noise; break;
            }
        }
        return (builder.ToString(), $"{edits} character edits");
    }

    private static string Join(List<string> lines) => string.Join('\n', lines);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Text for a step description: escaped, and cut short.</summary>
    public static string Show(string text)
    {
        var shown = new StringBuilder("'");
        foreach (char c in text.Length > 60 ? text[..60] : text)
            shown.Append(c is < ' ' or (>= '\u007F' and <= '\u00A0') or '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        return shown.Append(text.Length > 60 ? $"'...({text.Length} chars)" : "'").ToString();
    }

    /// <summary>The value after "key:" (up to ',', '}', ']', a comment or the line's end), or a plain list entry.</summary>
    [GeneratedRegex(@"(?:[A-Za-z_]+\s*:[ \t]*|^[ \t]*-[ \t]+)(?<v>[^,{}\[\]\n#\s][^,{}\[\]\n#]*?)[ \t]*(?=[,}\]#\n]|$)", RegexOptions.Multiline)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"(?<![\w.])(?<v>-?\d+(?:\.\d+)?)(?![\w.])")]
    private static partial Regex NumberPattern();
}
