using StageBox.Engine.Songs;

namespace StageBox.Engine.Transport;

/// <summary>A song in the running order, with the end behaviour the setlist gives it.</summary>
public sealed record SetlistSlot(PreparedSong Song, SongEnd End);
