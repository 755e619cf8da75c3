namespace StageBox.Engine.Transport;

public enum TransportState : byte
{
    Stopped,
    /// <summary>Playing the count-in bars before bar 1.</summary>
    CountIn,
    Playing,
    /// <summary>Fading out after a stop.</summary>
    Stopping,
}

/// <summary>
/// Where playback is, as the display and status need it; published by the audio thread once
/// per period. When stopped it describes the cued position.
/// </summary>
public readonly record struct PlaybackPosition(
    TransportState State,
    int SongIndex,
    int NextSongIndex,
    long SongFrame,
    int Bar,
    int Beat,
    int BeatsPerBar,
    int BeatUnit,
    int SectionIndex,
    double Tempo,
    long FramesRemaining,
    long FramesRendered,
    long Periods)
{
    /// <summary>True when the song ends by running gaplessly into the next one.</summary>
    public bool SegueArmed { get; init; }

    /// <summary>Index of the section being looped, or -1.</summary>
    public int LoopedSection { get; init; } = -1;

    /// <summary>The click's level relative to the song's own, in dB.</summary>
    public double ClickTrimDb { get; init; }

    public bool ClickMuted { get; init; }

    /// <summary>
    /// Stem frames (summed over stems) that a streamed stem's read-ahead did not have ready, so
    /// they played as silence; 0 while the disk keeps up. Counted since the engine started.
    /// </summary>
    public long MissingStemFrames { get; init; }

    /// <summary>
    /// The running order the song indexes refer to, as the engine published it (null in a
    /// position made by hand): after a new setlist is taken over, the very period it happens.
    /// </summary>
    public IReadOnlyList<SetlistSlot>? Setlist { get; init; }
}
