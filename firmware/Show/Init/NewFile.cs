using System.Text;
using StageBox.Hal.Files;

namespace StageBox.Show.Init;

/// <summary>
/// Creates a file whole or not at all, and never over an existing one. init writes into the
/// technician's own folder (often a stick), so nothing there may steer the write: the text goes
/// to a hidden temporary file created with O_CREAT|O_EXCL|O_NOFOLLOW in the folder opened with
/// O_NOFOLLOW, is flushed to the medium, and is renamed into place without replacing anything
/// (<see cref="PlacedFile"/>). A stick pulled halfway leaves either no file or the complete one
/// (and at worst a hidden leftover, which the loader skips and the next run replaces).
/// </summary>
public static class NewFile
{
    public static void Write(string path, string text) =>
        PlacedFile.CreateNew(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
}
