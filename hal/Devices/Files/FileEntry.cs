using StageBox.Hal.Native;

namespace StageBox.Hal.Files;

/// <summary>
/// One directory entry's type and size from statx(2) without following links. .NET's
/// FileSystemInfo cannot tell a FIFO or a device from a file, and opening a FIFO to find out
/// blocks: a hostile USB stick must be judged before anything on it is opened.
/// </summary>
public readonly record struct FileEntry(FileKind Kind, long Bytes)
{
    public static unsafe FileEntry Of(string path)
    {
        Libc.StatX status;
        if (Libc.StatXCall(Libc.AtCurrentDirectory, path, Libc.AtSymlinkNoFollow, Libc.StatXTypeAndSize, &status) != 0)
            return new FileEntry(FileKind.Missing, 0);
        return new FileEntry(KindOf(status.Mode), (long)status.Size);
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        _ => FileKind.BlockDevice,
    };
}
