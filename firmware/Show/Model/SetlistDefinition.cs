using StageBox.Engine.Songs;

namespace StageBox.Show.Model;

/// <summary>A setlist (setlists/NAME.yaml): songs in order, each optionally overriding how it ends.</summary>
public sealed record SetlistDefinition(string Name, string Title, IReadOnlyList<SetlistEntry> Songs, SourceLocation Where);

/// <summary>One setlist slot: the song folder name and, when given, the end behaviour that replaces the song's own.</summary>
public sealed record SetlistEntry(string SongId, SongEnd? End, SourceLocation Where);
