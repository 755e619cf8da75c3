using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StageBox.Show.Library;

/// <summary>One file of a generation: its path inside it, its size and its SHA-256 (lowercase hex).</summary>
public sealed record ManifestFile(string Path, long Bytes, string Sha256);

/// <summary>
/// What a generation holds, written last into it before the commit: the device rate its audio
/// was converted to, where it came from, and every file with its checksum, so a later check can
/// prove the generation is exactly what the import wrote.
/// </summary>
public sealed record GenerationManifest(int Format, int SampleRate, DateTimeOffset ImportedAt, string Source, IReadOnlyList<ManifestFile> Files)
{
    public const int CurrentFormat = 1;

    /// <summary>
    /// A hash of the show itself (every file's path and checksum, and the rate), not of when or
    /// from where it was imported: two boxes with the same show installed have the same hash.
    /// </summary>
    public string ContentHash
    {
        get
        {
            var text = new StringBuilder($"rate {SampleRate}\n");
            foreach (ManifestFile file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
                text.Append(file.Path).Append('\t').Append(file.Sha256).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, GenerationManifestJson.Default.GenerationManifest);

    public static GenerationManifest Read(string path)
    {
        try
        {
            GenerationManifest? manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), GenerationManifestJson.Default.GenerationManifest);
            if (manifest is null || manifest.Files is null) throw new LibraryException($"{path}: damaged: not a generation manifest");
            if (manifest.Format != CurrentFormat) throw new LibraryException($"{path}: manifest format {manifest.Format}; this firmware reads format {CurrentFormat}");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new LibraryException($"{path}: damaged: {e.Message}");
        }
    }
}

/// <summary>The manifest's JSON, generated at build time (no reflection: the firmware also builds as Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(GenerationManifest))]
internal sealed partial class GenerationManifestJson : JsonSerializerContext;
