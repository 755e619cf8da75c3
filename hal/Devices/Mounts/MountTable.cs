namespace StageBox.Hal.Mounts;

/// <summary>The mounts of this process's mount namespace, as /proc/self/mountinfo lists them.</summary>
public sealed class MountTable(IReadOnlyList<MountEntry> entries)
{
    public const string OwnPath = "/proc/self/mountinfo";

    public IReadOnlyList<MountEntry> Entries { get; } = entries;

    /// <summary>
    /// Reads the table. The kernel hands it out in pieces, so a mount made during the read may be
    /// missed; it also marks the table changed, so a <see cref="MountWatcher"/> reads it again.
    /// </summary>
    public static MountTable Read(string path = OwnPath) => Parse(File.ReadAllText(path));

    /// <exception cref="FormatException">A line is not in mountinfo's format.</exception>
    public static MountTable Parse(string text) =>
        new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(MountInfoLine.Parse).ToArray());

    /// <summary>What differs in <paramref name="newer"/>: a mount changed in place (remounted, moved) counts as removed and added.</summary>
    public MountChanges ChangesTo(MountTable newer)
    {
        var before = new HashSet<MountEntry>(Entries);
        var after = new HashSet<MountEntry>(newer.Entries);
        return new MountChanges(
            Added: newer.Entries.Where(entry => !before.Contains(entry)).ToArray(),
            Removed: Entries.Where(entry => !after.Contains(entry)).ToArray());
    }
}
