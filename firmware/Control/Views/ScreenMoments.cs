using StageBox.Engine.Transport;

namespace StageBox.Control.Views;

/// <summary>
/// The screen's sense of time: it sees successive position snapshots and decides what is
/// momentary on the glass. A beat that just landed flashes for <see cref="FlashNanoseconds"/>;
/// a move of the setlist cursor by the encoder (not by a song ending) brings up the setlist for
/// <see cref="SetlistNanoseconds"/> after the last turn.
/// </summary>
public sealed class ScreenMoments
{
    public const long FlashNanoseconds = 120_000_000, SetlistNanoseconds = 4_000_000_000;

    private PlaybackPosition? _last;
    private long _beatLandedAt = long.MinValue / 2, _browsedAt = long.MinValue / 2;

    public bool BeatFlash { get; private set; }
    public bool ShowSetlist { get; private set; }

    /// <summary>The setlist cursor: the cued song while stopped, the one that follows while playing.</summary>
    public static int CursorOf(PlaybackPosition position) =>
        position.State == TransportState.Stopped ? position.SongIndex : position.NextSongIndex;

    public void Observe(PlaybackPosition position, long nowNanoseconds)
    {
        bool moving = position.State is TransportState.Playing or TransportState.CountIn;
        if (_last is PlaybackPosition last)
        {
            bool wasMoving = last.State is TransportState.Playing or TransportState.CountIn;
            bool newBeat = moving && (!wasMoving || last.Bar != position.Bar || last.Beat != position.Beat || last.SongIndex != position.SongIndex);
            if (newBeat) _beatLandedAt = nowNanoseconds;
            bool stillStopped = last.State == TransportState.Stopped && position.State == TransportState.Stopped;
            bool sameSong = last.SongIndex == position.SongIndex && last.State != TransportState.Stopped && position.State != TransportState.Stopped;
            if ((stillStopped || sameSong) && CursorOf(last) != CursorOf(position)) _browsedAt = nowNanoseconds;
        }
        else if (moving) _beatLandedAt = nowNanoseconds;
        _last = position;
        BeatFlash = moving && nowNanoseconds - _beatLandedAt < FlashNanoseconds;
        ShowSetlist = nowNanoseconds - _browsedAt < SetlistNanoseconds;
    }
}
