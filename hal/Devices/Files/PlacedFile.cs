using System.Runtime.InteropServices;
using StageBox.Hal.Native;

namespace StageBox.Hal.Files;

/// <summary>
/// Writes a whole file into a folder without following any link a stranger may have put
/// there: the folder is opened with O_NOFOLLOW (a folder that is a link is refused), the
/// temporary file is created with O_CREAT|O_EXCL|O_NOFOLLOW relative to that folder (so a link
/// in its place, even a dangling one, is never written through), synced, and renamed into place
/// within the same folder, which is then synced. A reader or a power cut finds the old file or
/// the new one, never a mix. A link already standing at the final name is replaced, not followed.
/// </summary>
public static class PlacedFile
{
    private const uint RenameNoReplace = 1; // RENAME_NOREPLACE
    private const int FileExists = 17; // EEXIST
    private const int NoSuchEntry = 2; // ENOENT

    /// <summary>Creates or replaces <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public static void Replace(string folder, string name, ReadOnlySpan<byte> content) => Place(folder, name, content, replace: true);

    /// <summary>Creates <paramref name="name"/> in <paramref name="folder"/>; an IOException if anything has that name already.</summary>
    public static void CreateNew(string folder, string name, ReadOnlySpan<byte> content) => Place(folder, name, content, replace: false);

    private static unsafe void Place(string folder, string name, ReadOnlySpan<byte> content, bool replace)
    {
        if (name.Contains('/') || name is "." or "..") throw new ArgumentException($"'{name}' is not a plain file name", nameof(name));
        int directory = Libc.Open(folder, Libc.OpenReadOnly | OpenFlags.Directory | OpenFlags.NoFollow | OpenFlags.CloseOnExec);
        if (directory < 0) throw Failure(folder, "cannot open the folder (it must be a real folder, not a link)");
        string temporary = $".{name}.stagebox-new";
        try
        {
            // A leftover of a run that was cut off, or a link someone placed: unlinkat removes the entry itself, never what a link points at.
            if (Libc.UnlinkAt(directory, temporary, 0) != 0 && Marshal.GetLastPInvokeError() != NoSuchEntry)
                throw Failure(Path.Join(folder, temporary), "cannot remove the old temporary file");
            int file = Libc.OpenAt(directory, temporary, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow | OpenFlags.CloseOnExec, 0b110_100_100);
            if (file < 0) throw Failure(Path.Join(folder, temporary), "cannot create the temporary file");
            try
            {
                WriteAll(file, content, folder, temporary);
                if (Libc.FileSync(file) != 0) throw Failure(Path.Join(folder, temporary), "fsync failed");
            }
            finally
            {
                Libc.Close(file);
            }
            if (Libc.RenameAt2(directory, temporary, directory, name, replace ? 0 : RenameNoReplace) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                Libc.UnlinkAt(directory, temporary, 0);
                throw error == FileExists
                    ? new IOException($"{Path.Join(folder, name)}: exists already, and is left as it is")
                    : Failure(Path.Join(folder, name), "cannot rename the written file into place", error);
            }
            if (Libc.FileSync(directory) != 0) throw Failure(folder, "fsync of the folder failed");
        }
        finally
        {
            Libc.Close(directory);
        }
    }

    private static unsafe void WriteAll(int file, ReadOnlySpan<byte> content, string folder, string name)
    {
        fixed (byte* start = content)
        {
            for (int done = 0; done < content.Length;)
            {
                nint wrote = Libc.Write(file, start + done, (nuint)(content.Length - done));
                if (wrote < 0 && Marshal.GetLastPInvokeError() == Libc.InterruptedError) continue;
                if (wrote <= 0) throw Failure(Path.Join(folder, name), "write failed");
                done += (int)wrote;
            }
        }
    }

    private static IOException Failure(string path, string what, int? error = null) =>
        new($"{path}: {what}: {Marshal.GetPInvokeErrorMessage(error ?? Marshal.GetLastPInvokeError())}");
}
