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
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (NestedTooDeeplyException e)
        {
            file.Error(file.At(e.Where), $"the YAML nests more than {MaxNesting} levels deep here", "song and setlist files need only a few levels; check the brackets");
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
            file.Error(stream.Documents[1].RootNode, "the file holds more than one YAML document", "remove the '---' line and merge what follows into one document");
            return null;
        }
        return stream.Documents[0].RootNode;
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
    /// throws without a position, and stops nesting beyond <see cref="MaxNesting"/>.</summary>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        private int _depth;

        public Mark LastGoodPosition { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved = inner.MoveNext();
            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++_depth > MaxNesting:
                    throw new NestedTooDeeplyException(inner.Current.Start);
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            if (inner.Current is { } current) LastGoodPosition = current.End;
            return moved;
        }
    }

    private sealed class NestedTooDeeplyException(Mark where) : Exception
    {
        public Mark Where { get; } = where;
    }
}
