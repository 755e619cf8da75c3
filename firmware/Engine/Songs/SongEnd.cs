namespace StageBox.Engine.Songs;

/// <summary>What happens when a song reaches its end.</summary>
public enum SongEnd
{
    /// <summary>Playback stops; the next song in the setlist is cued, waiting for play.</summary>
    Stop,
    /// <summary>The next song starts by itself, with its count-in.</summary>
    Next,
    /// <summary>The next song's bar 1 follows this song's last frame with no gap (its count-in is skipped).</summary>
    Segue,
}
