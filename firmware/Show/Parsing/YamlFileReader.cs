using StageBox.Show.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>Reads one user YAML file into its root node, reporting unreadable files and syntax errors.</summary>
internal static class YamlFileReader
{
    /// <summary>Song and setlist files are a few kilobytes; anything far larger is not one of
    /// them, and refusing it keeps a hostile USB stick from exhausting memory.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Song files nest four levels deep. YamlDotNet builds nodes recursively, so a
    /// hostile file of a million '[' would overflow the stack and kill the process.</summary>
    public const int MaxNesting = 32;

    private const string DuplicateKeyMessage = "Duplicate key ";

    public static YamlNode? Read(string path, SourceFile file)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                file.Error(file.Whole, $"the file is larger than {MaxBytes / 1024} KiB", "a song or setlist file holds a few lines of YAML; check that this is the right file");
                return null;
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Error(file.Whole, $"cannot read the file: {e.Message}", "check that it exists and is readable");
            return null;
        }
        return Parse(text, file);
    }

    private static YamlNode? Parse(string text, SourceFile file)
    {
        // YAML allows no NUL, and YamlDotNet takes the first one for the end of the file: a file whose
        // tail was left as zeros (a stick pulled out while it was written) would load without that tail.
        int nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            int lineStart = text.LastIndexOf('\n', Math.Max(nul - 1, 0)) + 1;
            file.Error(file.At(text.AsSpan(0, nul).Count('\n') + 1, nul - lineStart + 1), "the file holds a NUL byte here, so it is damaged",
                "write the file again; a stick pulled out while a file was being written leaves zeros in it");
            return null;
        }
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (RefusedYamlException e)
        {
            file.Error(file.At(e.Where), e.Problem, e.Fix);
            return null;
        }
        catch (YamlException e)
        {
            ReportSyntaxError(text, e, file);
            return null;
        }
        // YamlDotNet's scanner throws plain exceptions on some broken input (an unclosed '[' ends in
        // InvalidOperationException); a bad file must give an error, never crash the loader.
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            file.Error(file.At(parser.LastGoodPosition), "YAML syntax error after this point",
                "check for an unclosed '[', '{' or quote");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            file.Error(file.Whole, "the file is empty", "write the fields the format needs, starting with 'title:'");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            // An empty document's root is an empty value that YamlDotNet places past the end of the file: name its '---' instead.
            YamlNode second = stream.Documents[1].RootNode;
            file.Error(ValueReader.IsNull(second) ? file.At(parser.DocumentStarts[1]) : file.At(second),
                "the file holds more than one YAML document", "remove the '---' line and merge what follows into one document");
            return null;
        }
        YamlNode root = stream.Documents[0].RootNode;
        if (ValueReader.IsNull(root))
        {
            // An empty document ('---' and nothing, or a lone '~'): YamlDotNet may place its empty
            // root past the end of the file (after a last line end it counts and an editor may not, as U+0085): name where the document starts.
            file.Error(file.At(parser.DocumentStarts[0]), "the document is empty", "write the fields the format needs, starting with 'title:'");
            return null;
        }
        return root;
    }

    private static void ReportSyntaxError(string text, YamlException e, SourceFile file)
    {
        if (e.Message.StartsWith(DuplicateKeyMessage, StringComparison.Ordinal))
        {
            string key = e.Message[DuplicateKeyMessage.Length..];
            file.Error(file.At(e.Start), $"'{key}' is given twice in the same place", "keep only one of them");
        }
        else if (e.Message.Contains(" tab", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab)
        {
            // YamlDotNet marks the enclosing mapping here; the tab itself is what the user must fix.
            file.Error(file.At(tab.Line, tab.Column), "a tab is used for indentation", "indent with spaces only");
        }
        else
        {
            file.Error(WithinText(text, e.Start, file), $"YAML syntax error: {e.Message}",
                "check indentation and punctuation; put text containing ': ', '#', '[' or '{' in quotes");
        }
    }

    /// <summary>The mark, or the end of the last line when YamlDotNet places an error past the end of the file.</summary>
    private static SourceLocation WithinText(string text, Mark mark, SourceFile file)
    {
        string[] lines = text.TrimEnd('\n').Split('\n');
        return mark.Line <= lines.Length ? file.At(mark) : file.At(lines.Length, lines[^1].Length + 1);
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string indentation = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            int tab = indentation.IndexOf('\t');
            if (tab >= 0) return (i + 1, tab + 1);
        }
        return null;
    }

    /// <summary>Remembers where the last complete event ended, to place errors that YamlDotNet
    /// throws without a position, and refuses what YamlDotNet cannot load safely: nesting beyond
    /// <see cref="MaxNesting"/>, and keys that are not plain scalars.</summary>
    /// <remarks>YamlDotNet puts keys in a dictionary as it loads, hashing and comparing them
    /// recursively: a list key holding an alias of itself (<c>? &amp;a [*a]</c>) overflows the stack,
    /// and one holding an alias bomb (ten aliases of ten aliases of...) takes minutes. Song and
    /// setlist fields are plain words, so a key that is a list, a mapping or an alias is refused
    /// before YamlDotNet sees the whole of it.</remarks>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        /// <summary>What is open around the current event: a list, or a mapping awaiting its next key or value.</summary>
        private enum Open { List, MappingKey, MappingValue }

        private readonly Stack<Open> _open = new();

        public Mark LastGoodPosition { get; private set; } = Mark.Empty;

        /// <summary>Where each document starts: at its '---', or at its first node when it has none.</summary>
        public List<Mark> DocumentStarts { get; } = [];

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved = inner.MoveNext();
            switch (inner.Current)
            {
                case NodeEvent or AnchorAlias:
                    Place(inner.Current);
                    break;
                case MappingEnd or SequenceEnd:
                    _open.Pop();
                    break;
                case DocumentStart start:
                    DocumentStarts.Add(start.Start);
                    break;
            }
            if (inner.Current is { } current) LastGoodPosition = current.End;
            return moved;
        }

        /// <summary>Checks a node (scalar, alias, list or mapping start) against where it stands.</summary>
        private void Place(ParsingEvent node)
        {
            if (_open.TryPeek(out Open parent) && parent != Open.List)
            {
                if (parent == Open.MappingKey && node is not Scalar)
                    throw new RefusedYamlException(node.Start,
                        $"a field name here is {(node is AnchorAlias ? "an alias" : node is MappingStart ? "a mapping" : "a list")}, not a plain word",
                        "write each field name as a word followed by ':', e.g. title: or bar:");
                _open.Pop();
                _open.Push(parent == Open.MappingKey ? Open.MappingValue : Open.MappingKey);
            }
            if (node is not (MappingStart or SequenceStart)) return;
            if (_open.Count == MaxNesting)
                throw new RefusedYamlException(node.Start, $"the YAML nests more than {MaxNesting} levels deep here",
                    "song and setlist files need only a few levels; check the brackets");
            _open.Push(node is MappingStart ? Open.MappingKey : Open.List);
        }
    }

    /// <summary>A construct refused before YamlDotNet loads it, with where it starts and how to fix it.</summary>
    private sealed class RefusedYamlException(Mark where, string problem, string fix) : Exception(problem)
    {
        public Mark Where { get; } = where;
        public string Problem { get; } = problem;
        public string Fix { get; } = fix;
    }
}
