using System.Text.Json;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>
/// What staging a show found and did (<see cref="ShowImporter.Stage"/>): the problems that stop
/// the import, or a whole show in the staging area's <see cref="ShowFolder"/>, ready to commit.
/// It crosses from the sandboxed staging process to the importer that commits, as JSON.
/// </summary>
public sealed record StagedImport(string Source, IReadOnlyList<ShowError> Errors, IReadOnlyList<string> Skipped, IReadOnlyList<string> Notes, int Songs, double SongSeconds)
{
    /// <summary>The staged show inside a staging area; the area itself also holds the outcome file.</summary>
    public const string ShowFolder = "show";

    /// <summary>Where the staging process leaves its outcome inside the staging area.</summary>
    public const string OutcomeFile = "outcome.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public bool Staged => Errors.Count == 0;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads the outcome the staging process wrote; a missing or unreadable one is a failed staging.</summary>
    public static StagedImport Read(string path, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<StagedImport>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return Failed(source, new ShowError(new SourceLocation(source), $"the import's staging process left no outcome ({e.Message})",
                "nothing was changed; import again, and if it fails again report it with the log"));
        }
    }

    public static StagedImport Failed(string source, params ShowError[] errors) => new(source, errors, [], [], 0, 0);
}
