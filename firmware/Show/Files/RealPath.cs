namespace StageBox.Show.Files;

/// <summary>
/// Resolves every symbolic link along a path, as the kernel would when opening it, so a link
/// inside a song folder that points elsewhere on the stick or the box can be recognised.
/// </summary>
internal static class RealPath
{
    /// <summary>Linux gives up after 40 links (ELOOP); so does this, instead of looping forever.</summary>
    private const int MaxLinks = 40;

    /// <summary>The link-free absolute path, or null when the links loop.</summary>
    public static string? Resolve(string path)
    {
        int linksFollowed = 0;
        return Resolve(Path.GetFullPath(path), ref linksFollowed);
    }

    private static string? Resolve(string fullPath, ref int linksFollowed)
    {
        string current = Path.GetPathRoot(fullPath)!;
        foreach (string part in fullPath[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Join(current, part);
            string? target = new FileInfo(current).LinkTarget;
            if (target is null) continue;
            if (++linksFollowed > MaxLinks) return null;
            // A relative target is relative to the link's own folder, which is already resolved here.
            string? resolved = Resolve(Path.GetFullPath(target, Path.GetDirectoryName(current)!), ref linksFollowed);
            if (resolved is null) return null;
            current = resolved;
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> lies somewhere below <paramref name="folder"/>.</summary>
    public static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
