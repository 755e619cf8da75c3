using StageBox.Show.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StageBox.Show.Parsing;

/// <summary>
/// One user file being read: names places in it and records the problems found there. The song and
/// setlist readers use it, and so does the box's stagebox.yaml (App/Configuration), so both report alike.
/// </summary>
public sealed class SourceFile(string displayPath, List<ShowError> errors)
{
    /// <summary>The path shown to the user, relative to the folder they named, with '/' separators.</summary>
    public string DisplayPath { get; } = displayPath;

    /// <summary>Problems found in this file so far; a part of the file read without adding any is sound.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>True once any problem was found in this file: its contents must not be used.</summary>
    public bool HasErrors => ErrorCount > 0;

    public SourceLocation At(YamlNode node) => At(node.Start);

    public SourceLocation At(Mark mark) => At((int)mark.Line, (int)mark.Column);

    public SourceLocation At(int line, int column) => new(DisplayPath, line, column);

    public SourceLocation Whole => new(DisplayPath);

    public void Error(YamlNode node, string problem, string? fix = null) => Error(At(node), problem, fix);

    public void Error(SourceLocation where, string problem, string? fix = null)
    {
        errors.Add(new ShowError(where, problem, fix));
        ErrorCount++;
    }
}
