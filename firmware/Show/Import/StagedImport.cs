using System.Text.Json;
using System.Text.Json.Serialization;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>
/// What staging a show found and did (<see cref="ShowImporter.Stage"/>): the problems that stop
/// the import, or a whole show in the staging folder, ready to commit. It crosses from the
/// sandboxed staging process to the importer that commits as one line of JSON on its output.
/// </summary>
public sealed record StagedImport(string Source, IReadOnlyList<ShowError> Errors, IReadOnlyList<string> Skipped, IReadOnlyList<string> Notes, int Songs, double SongSeconds)
{
    public bool Staged => Errors.Count == 0;

    /// <summary>One line of JSON (strings escape their line breaks).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StagedImportJson.Default.StagedImport);

    /// <summary>Reads the outcome the staging process printed; a missing or unreadable one is a failed staging.</summary>
    public static StagedImport Parse(string? json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json ?? throw new JsonException("it printed none"), StagedImportJson.Default.StagedImport) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            return Failed(source, new ShowError(new SourceLocation(source), $"the import's staging process left no outcome ({e.Message})",
                "nothing was changed; import again, and if it fails again report it with the log"));
        }
    }

    public static StagedImport Failed(string source, params ShowError[] errors) => new(source, errors, [], [], 0, 0);
}

/// <summary>The outcome's JSON, generated at build time (no reflection: the firmware also builds as Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(StagedImport))]
internal sealed partial class StagedImportJson : JsonSerializerContext;
