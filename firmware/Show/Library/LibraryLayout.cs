namespace StageBox.Show.Library;

/// <summary>
/// Where the library keeps things on the box's data partition:
/// <c>CURRENT</c> names the installed generation and the one before it;
/// <c>generations/gNNNNNN/</c> each hold a whole show (the user's YAML byte for byte, every
/// audio file converted to the device rate) with its <c>manifest.json</c>;
/// <c>staging/</c> holds an import until it is committed; <c>import.lock</c> keeps imports one at a time;
/// <c>reports/</c> keeps the newest import reports.
/// </summary>
public sealed class LibraryLayout(string root)
{
    public const string ManifestFileName = "manifest.json";
    private const string GenerationPrefix = "g";

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    public string PointerFile => Path.Join(Root, "CURRENT");
    public string GenerationsFolder => Path.Join(Root, "generations");
    public string StagingFolder => Path.Join(Root, "staging");
    public string LockFile => Path.Join(Root, "import.lock");
    public string ReportsFolder => Path.Join(Root, "reports");

    public string Generation(string name) => Path.Join(GenerationsFolder, name);

    public static string GenerationName(int number) => $"{GenerationPrefix}{number:D6}";

    /// <summary>The number of a generation folder's name, or null for a name the library did not make.</summary>
    public static int? GenerationNumber(string name) =>
        name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && name.Length == 7 && int.TryParse(name.AsSpan(1), out int number) ? number : null;
}
