using System.Security.Cryptography;

namespace StageBox.Show.Library;

/// <summary>SHA-256 of files, read in blocks so a stem of any size needs no more memory than one block.</summary>
public static class FileChecksum
{
    public static string Of(string path)
    {
        using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
