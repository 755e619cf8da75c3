namespace StageBox.Tests.Hal.Mounts;

/// <summary>
/// A real tmpfs mounted for a test (the tests run as root): the kernel's own mount table and
/// mount flags, not a simulation. Mount it rw to fill it, then <see cref="Remount"/> it the way
/// a stick would arrive. Unmounted on dispose unless the test has done so.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private bool _mounted;

    private TmpfsMount(string path)
    {
        Path = path;
        _mounted = true;
    }

    public string Path { get; }

    /// <param name="options">mount(8) options besides the size, e.g. "ro,nosuid"; empty: the defaults (rw).</param>
    public static TmpfsMount At(string path, string options = "")
    {
        Directory.CreateDirectory(path);
        SystemCommand.Run("mount", "-t", "tmpfs", "-o", options.Length == 0 ? "size=4m" : $"size=4m,{options}", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>
    /// Shows this file system at <paramref name="path"/> too, with this mount's flags: a stick
    /// prepared elsewhere arrives there in one step, already mounted as it will stay.
    /// </summary>
    public TmpfsMount BindAt(string path)
    {
        Directory.CreateDirectory(path);
        SystemCommand.Run("mount", "--bind", Path, path);
        return new TmpfsMount(path);
    }

    /// <summary>Changes the mount's flags in place, as systemd-mount's options would have set them.</summary>
    public void Remount(string options) => SystemCommand.Run("mount", "-o", $"remount,{options}", Path);

    public void Unmount()
    {
        SystemCommand.Run("umount", Path);
        _mounted = false;
    }

    public void Dispose()
    {
        // Lazily, so a test that failed with something still open leaves no mount behind.
        if (_mounted) SystemCommand.Run("umount", "--lazy", Path);
        _mounted = false;
    }
}
