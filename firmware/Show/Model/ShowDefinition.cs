namespace StageBox.Show.Model;

/// <summary>A whole show folder: its songs by folder name and its setlists by file name.</summary>
public sealed record ShowDefinition(
    string Folder,
    IReadOnlyDictionary<string, SongDefinition> Songs,
    IReadOnlyDictionary<string, SetlistDefinition> Setlists);
