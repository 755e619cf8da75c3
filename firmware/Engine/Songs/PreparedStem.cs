namespace StageBox.Engine.Songs;

/// <summary>A backing track ready to play: its audio, starting at bar 1, and where it goes.</summary>
public sealed record PreparedStem(string Name, AudioClip Audio, OutputRoute[] Routes);

/// <summary>A one-shot sample that starts at a bar, and where it goes.</summary>
public sealed record PreparedCue(int Bar, AudioClip Audio, OutputRoute[] Routes);
