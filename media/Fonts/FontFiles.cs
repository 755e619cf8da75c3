namespace StageBox.Media.Fonts;

/// <summary>
/// The DejaVu fonts the display uses, from Debian's fonts-dejavu-core (installed by the
/// Makefile's deps target). Only core is relied on: condensed faces come with
/// fonts-dejavu-extra, which a box may not have.
/// </summary>
public static class FontFiles
{
    public const string DejaVuDirectory = "/usr/share/fonts/truetype/dejavu";
    private const string Package = "fonts-dejavu-core";

    public static string Sans => Find("DejaVuSans.ttf");
    public static string SansBold => Find("DejaVuSans-Bold.ttf");
    public static string SansMonoBold => Find("DejaVuSansMono-Bold.ttf");

    /// <summary>DejaVu Sans Condensed Bold when fonts-dejavu-extra is installed, else null (use <see cref="SansBold"/>).</summary>
    public static string? SansCondensedBold => FindOptional(DejaVuDirectory, "DejaVuSansCondensed-Bold.ttf");

    /// <summary>The path of a fonts-dejavu-core file; a <see cref="FontException"/> saying how to install it when missing.</summary>
    public static string Find(string fileName) => Find(DejaVuDirectory, fileName);

    internal static string Find(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        return File.Exists(path)
            ? path
            : throw new FontException(path, $"font file {path} not found; install Debian's {Package}");
    }

    internal static string? FindOptional(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        return File.Exists(path) ? path : null;
    }
}
