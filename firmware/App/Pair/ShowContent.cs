using System.Security.Cryptography;
using System.Text;
using StageBox.Show.Library;

namespace StageBox.App.Pair;

/// <summary>
/// The content hash two boxes compare before they arm: the library generation's own (its
/// manifest's), or for a show folder played directly, the same kind of hash worked out from
/// every file in it (path and SHA-256), so the same folder on two PCs matches.
/// </summary>
internal static class ShowContent
{
    public static string HashOf(ShowLibrary library) =>
        library.Pointer is { } pointer ? library.Manifest(pointer.Current).ContentHash : throw new InvalidOperationException("the library has no show installed");

    public static string HashOfFolder(string folder)
    {
        var text = new StringBuilder();
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using FileStream stream = File.OpenRead(file);
            text.Append(Path.GetRelativePath(folder, file)).Append('\t').Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
