namespace StageBox.Engine.Songs;

/// <summary>A named section of a song and the frame its first bar starts on.</summary>
public sealed record SectionMarker(string Name, int Bar, long Frame);
