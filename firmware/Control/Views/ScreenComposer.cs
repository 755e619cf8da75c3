using StageBox.Engine.Transport;

namespace StageBox.Control.Views;

/// <summary>
/// Puts one frame's <see cref="ScreenContent"/> together on the UI thread: the position and
/// the status line's alerts as read now, the setlist when browsing, and the beat flash.
/// </summary>
public sealed class ScreenComposer(IReadOnlyList<SetlistSlot> setlist)
{
    private IReadOnlyList<SetlistSlot> _setlist = setlist;
    private string[] _titles = TitlesOf(setlist);
    private readonly ScreenMoments _moments = new();
    public ScreenContent Compose(PlaybackPosition position, BoxAlerts alerts, long nowNanoseconds)
    {
        if (position.Setlist is { } current && !ReferenceEquals(current, _setlist))
        {
            // A new show has taken over.
            _setlist = current;
            _titles = TitlesOf(current);
        }
        _moments.Observe(position, nowNanoseconds);
        SetlistPage? page = _moments.ShowSetlist
            ? new SetlistPage(_titles, ScreenMoments.CursorOf(position), position.State == TransportState.Stopped ? -1 : position.SongIndex)
            : null;
        StageStatus status = StageStatus.From(position, _setlist);
        // The screen shows whole seconds: content that differs only below them is the same picture, and is not drawn again.
        status = status with { Elapsed = WholeSeconds(status.Elapsed), Remaining = WholeSeconds(status.Remaining) };
        return new ScreenContent(status, alerts, _moments.BeatFlash, page);
    }

    private static string[] TitlesOf(IReadOnlyList<SetlistSlot> setlist) => setlist.Select(s => s.Song.Title).ToArray();

    private static TimeSpan WholeSeconds(TimeSpan time) => TimeSpan.FromSeconds(Math.Floor(time.TotalSeconds));
}
