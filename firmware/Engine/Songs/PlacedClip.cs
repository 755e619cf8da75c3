namespace StageBox.Engine.Songs;

/// <summary>
/// Audio placed on a song's timeline: a stem starts at frame 0, a cue at its bar. Both play
/// wherever the transport is, so a jump lands inside them as it would in a DAW.
/// </summary>
public readonly record struct PlacedClip(AudioClip Audio, long StartFrame, OutputRoute[] Routes);
