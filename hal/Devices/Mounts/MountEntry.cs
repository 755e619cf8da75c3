namespace StageBox.Hal.Mounts;

/// <summary>
/// One line of /proc/PID/mountinfo (proc(5)), its paths decoded. The options stay as the kernel
/// wrote them (comma-separated), so two entries are equal exactly when the kernel describes the
/// mount the same way: a remount or a move shows as a different entry.
/// </summary>
/// <param name="MountId">Unique while the mount exists; the kernel may reuse it afterwards.</param>
/// <param name="ParentId">The mount this one sits on (itself for the root of the namespace).</param>
/// <param name="Root">The folder of the file system that appears at <paramref name="MountPoint"/> (not "/" for a bind mount).</param>
/// <param name="MountOptions">This mount's own flags: ro or rw, nosuid, nodev, noexec, atime.</param>
/// <param name="OptionalFields">Propagation tags such as "shared:1 master:2", space-separated; empty when none.</param>
/// <param name="Source">The device or other source, "none" when the file system has none.</param>
/// <param name="SuperOptions">The file system's own options (ro or rw for the whole superblock, size=, errors=...).</param>
public sealed record MountEntry(
    int MountId,
    int ParentId,
    int Major,
    int Minor,
    string Root,
    string MountPoint,
    string MountOptions,
    string OptionalFields,
    string FileSystemType,
    string Source,
    string SuperOptions)
{
    public bool HasMountOption(string option) => Contains(MountOptions, option);

    public bool HasSuperOption(string option) => Contains(SuperOptions, option);

    /// <summary>Nothing can be written through this mount: it is read-only itself, or its whole file system is.</summary>
    public bool IsReadOnly => HasMountOption("ro") || HasSuperOption("ro");

    private static bool Contains(string options, string option) =>
        options.Split(',').Contains(option, StringComparer.Ordinal);
}
