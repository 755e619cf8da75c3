namespace StageBox.Hal.Files;

/// <summary>What a directory entry is, as lstat(2) sees it: the entry itself, never what a link points to.</summary>
public enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Missing,
}
