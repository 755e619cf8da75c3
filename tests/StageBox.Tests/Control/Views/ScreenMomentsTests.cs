using StageBox.Control.Views;
using StageBox.Engine.Transport;

namespace StageBox.Tests.Control.Views;

public sealed class ScreenMomentsTests
{
    private const long Ms = 1_000_000;

    private static PlaybackPosition At(TransportState state, int bar, int beat, int song = 0, int next = 1) =>
        new(state, song, next, 0, bar, beat, 4, 4, 0, 120, 0, 0, 0);

    [Fact]
    public void A_beat_flashes_for_120_ms_from_when_the_screen_first_sees_it()
    {
        var moments = new ScreenMoments();
        moments.Observe(At(TransportState.Playing, 1, 1), 0);
        Assert.True(moments.BeatFlash);
        moments.Observe(At(TransportState.Playing, 1, 1), 119 * Ms);
        Assert.True(moments.BeatFlash);
        moments.Observe(At(TransportState.Playing, 1, 1), 121 * Ms);
        Assert.False(moments.BeatFlash);
        moments.Observe(At(TransportState.Playing, 1, 2), 500 * Ms);
        Assert.True(moments.BeatFlash);
        moments.Observe(At(TransportState.Stopped, 1, 2), 510 * Ms);
        Assert.False(moments.BeatFlash);
    }

    [Fact]
    public void Turning_the_encoder_shows_the_setlist_for_four_seconds_but_a_song_ending_does_not()
    {
        var moments = new ScreenMoments();
        moments.Observe(At(TransportState.Stopped, 1, 1, song: 0, next: 1), 0);
        moments.Observe(At(TransportState.Stopped, 1, 1, song: 1, next: 2), 100 * Ms);   // browsed while stopped
        Assert.True(moments.ShowSetlist);
        moments.Observe(At(TransportState.Stopped, 1, 1, song: 1, next: 2), 4_099 * Ms);
        Assert.True(moments.ShowSetlist);
        moments.Observe(At(TransportState.Stopped, 1, 1, song: 1, next: 2), 4_101 * Ms);
        Assert.False(moments.ShowSetlist);
        moments.Observe(At(TransportState.Playing, 3, 1, song: 1, next: 2), 5_000 * Ms);
        moments.Observe(At(TransportState.Playing, 3, 2, song: 1, next: 3), 5_100 * Ms);   // browsed while playing
        Assert.True(moments.ShowSetlist);
        moments = new ScreenMoments();
        moments.Observe(At(TransportState.Playing, 16, 4, song: 1, next: 2), 0);
        moments.Observe(At(TransportState.Stopped, 1, 1, song: 2, next: 3), 100 * Ms);    // the song ended and cued the next
        Assert.False(moments.ShowSetlist);
    }
}
