using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Import;

/// <summary>A real tmpfs of a few megabytes (the tests run as root), so a full disk is the kernel's ENOSPC, not a simulation.</summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        SystemCommand.Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk has only <paramref name="keepBytes"/> left.</summary>
    public static void Fill(string path, long keepBytes)
    {
        long free = new DriveInfo(System.IO.Path.GetDirectoryName(path)!).AvailableFreeSpace;
        using var file = new FileStream(path, FileMode.Create);
        var block = new byte[1 << 16];
        for (long left = free - keepBytes; left > 0; left -= block.Length) file.Write(block, 0, (int)Math.Min(block.Length, left));
    }

    public void Dispose() => SystemCommand.Run("umount", Path);
}
