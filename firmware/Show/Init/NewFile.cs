using System.Text;

namespace StageBox.Show.Init;

/// <summary>
/// Creates a file whole or not at all, and never over an existing one. The text goes to a
/// hidden temporary file beside it, is flushed to the medium, and is then renamed into place:
/// a stick pulled halfway leaves either no file or the complete one (and at worst a hidden
/// leftover, which the loader skips and the next run replaces).
/// </summary>
public static class NewFile
{
    public static void Write(string path, string text)
    {
        string temporary = Path.Join(Path.GetDirectoryName(path), $".{Path.GetFileName(path)}.stagebox-init");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            // Without overwrite, a file that appeared meanwhile (another run, the user) makes this throw instead of being replaced.
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
