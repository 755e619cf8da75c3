namespace StageBox.Show.Init;

/// <summary>The folder as the technician typed it, so every message names paths the way they know them.</summary>
public sealed record GivenFolder(string AsGiven, string Full)
{
    public static GivenFolder Of(string asGiven) => new(asGiven, Path.TrimEndingDirectorySeparator(Path.GetFullPath(asGiven)));

    /// <summary>The path under the given folder, starting as it was typed; in full when it lies outside.</summary>
    public string Display(string path)
    {
        string relative = Path.GetRelativePath(Full, path);
        if (relative == ".") return AsGiven;
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : Path.Join(AsGiven, relative);
    }
}
