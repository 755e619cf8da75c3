namespace StageBox.Engine.Transport;

/// <summary>The latest <see cref="PlaybackPosition"/>, handed from the audio thread to any number of readers without locks.</summary>
public sealed class PositionSnapshot : Seqlock<PlaybackPosition>;
