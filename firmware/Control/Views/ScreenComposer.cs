using StageBox.Engine.Transport;

namespace StageBox.Control.Views;

/// <summary>
/// Puts one frame's <see cref="ScreenContent"/> together on the UI thread: the position and
/// the audio thread's health as read now, the setlist when browsing, the beat flash, and the
/// alerts other parts of the box post (redundancy, import) through <see cref="Alerts"/>.
/// </summary>
public sealed class ScreenComposer(IReadOnlyList<SetlistSlot> setlist)
{
    private IReadOnlyList<SetlistSlot> _setlist = setlist;
    private string[] _titles = TitlesOf(setlist);
    private readonly ScreenMoments _moments = new();
    private volatile BoxAlerts _alerts = BoxAlerts.None;
    private volatile RedundancyStatus? _redundancy;

    /// <summary>Redundancy and import state, set from their own threads; the device figures come from the health report.</summary>
    public BoxAlerts Alerts
    {
        get => _alerts;
        set => _alerts = value;
    }

    /// <summary>The redundancy link as its own thread last reported it; null: the alerts' own (standalone).</summary>
    public RedundancyStatus? Redundancy
    {
        get => _redundancy;
        set => _redundancy = value;
    }

    public ScreenContent Compose(PlaybackPosition position, HealthReport health, long nowNanoseconds)
    {
        if (position.Setlist is { } current && !ReferenceEquals(current, _setlist))
        {
            // A new show has taken over.
            _setlist = current;
            _titles = TitlesOf(current);
        }
        _moments.Observe(position, nowNanoseconds);
        BoxAlerts alerts = _alerts with { DeviceAway = health.DeviceAway, DeviceLosses = health.DeviceLosses, Xruns = health.Xruns };
        if (_redundancy is { } redundancy) alerts = alerts with { Redundancy = redundancy };
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
