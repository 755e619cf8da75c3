using System.Runtime.InteropServices;
using StageBox.Hal.Native;

namespace StageBox.Hal.Files;

/// <summary>
/// Making writes survive a power cut: fsync(2) on files and on the folders that name them (a
/// rename is only durable once its folder is synced), and replacing a small file atomically.
/// </summary>
public static class Durable
{
    /// <summary>Flushes a file's or a folder's data and metadata to the disk.</summary>
    public static void Sync(string path)
    {
        int descriptor = Libc.Open(path, Libc.OpenReadOnly | Libc.OpenCloseOnExec);
        if (descriptor < 0) throw new IOException($"{path}: cannot open to sync it: {LastError()}");
        try
        {
            if (Libc.FileSync(descriptor) != 0) throw new IOException($"{path}: fsync failed: {LastError()}");
        }
        finally
        {
            Libc.Close(descriptor);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> whole (see <see cref="PlacedFile"/>): a reader, or a
    /// reboot at any instant, finds either the old content or the new, never a mix, and no link
    /// placed beside it is followed.
    /// </summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content) =>
        PlacedFile.Replace(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path), content);

    private static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
