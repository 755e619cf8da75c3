using StageBox.Control.Views;
using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Control.Views;

public sealed class ScreenComposerTests
{
    [Fact]
    public void Once_the_engine_takes_over_a_new_setlist_the_screen_names_its_songs_and_never_the_old_ones()
    {
        SetlistSlot[] old = [Slot("one", "Old One"), Slot("two", "Old Two")];
        PlaybackEngine engine = NewEngine(2, 256, old);
        var composer = new ScreenComposer(old);
        ScreenContent before = composer.Compose(engine.Position.Read(), BoxAlerts.None, 0);

        engine.OfferSetlist([Slot("two", "New Two"), Slot("three", "New Three"), Slot("one", "New One")]);
        Render(engine, 1);
        ScreenContent after = composer.Compose(engine.Position.Read(), BoxAlerts.None, 1_000_000);

        Assert.Equal(("Old One", "Old Two", 2), (before.Status.Song, before.Status.NextSong, before.Status.SongCount));
        Assert.Equal(("New One", "(end of set)", 3, 3), (after.Status.Song, after.Status.NextSong, after.Status.SongNumber, after.Status.SongCount));
        // The cue moved while stopped, so the screen shows the (new) setlist for a moment, as after browsing.
        Assert.Equal(["New Two", "New Three", "New One"], after.Setlist!.Titles);
    }

    private static SetlistSlot Slot(string id, string title) =>
        new(new PreparedSong(id, title, Rate, Constant(120), 0, 2, [], new ClickSetup([0], 1, 1, ClickSounds.Synthesize(Rate)), [], [], SongEnd.Stop), SongEnd.Stop);
}
