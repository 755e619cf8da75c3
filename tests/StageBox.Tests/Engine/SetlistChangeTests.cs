using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

/// <summary>
/// A new setlist handed to the running engine (a show imported during the gig): taken over at
/// once while stopped, and only where a song ends while playing, with the set going on where
/// the new order has the song that was to come. Each song's stem holds its own level, so the
/// audio tells which show is sounding.
/// </summary>
public sealed class SetlistChangeTests
{
    private const int Period = 256;
    private const int BarFrames = Rate * 2; // 4/4 at 120

    [Fact]
    public void Each_place_of_the_old_order_lands_on_the_same_song_or_the_next_one_the_new_order_has()
    {
        var change = new SetlistChange(Slots("a", "b", "c", "a"), Slots("c", "a", "d"));

        Assert.Equal([1, 0, 0, 1, -1], Enumerable.Range(0, 5).Select(change.LandingOf));
        Assert.Equal(-1, change.LandingOf(99));
        Assert.Equal(-1, change.LandingOf(-1));
    }

    [Fact]
    public void A_song_played_twice_lands_on_the_same_occurrence()
    {
        var change = new SetlistChange(Slots("a", "b", "a", "c"), Slots("a", "x", "a", "c"));

        Assert.Equal([0, 2, 2, 3, -1], Enumerable.Range(0, 5).Select(change.LandingOf));
    }

    [Fact]
    public void While_stopped_the_new_order_is_taken_over_at_the_next_period_with_the_cued_song_kept()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots("a", "b", "c"));
        engine.Commands.TryEnqueue(TransportCommand.SelectSong(1));
        Render(engine, 1);
        SetlistSlot[] newer = Slots("x", "b", "a");

        engine.OfferSetlist(newer);
        Assert.Same(engine.Setlist, engine.Position.Read().Setlist);
        Assert.NotSame(newer, engine.Position.Read().Setlist);
        Render(engine, 1);

        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(TransportState.Stopped, position.State);
        Assert.Equal(newer, position.Setlist);
        Assert.Equal(1, position.SongIndex);
        Assert.False(engine.SetlistOffered);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Assert.Equal(Level("b"), Render(engine, 10)[1][^1]);
    }

    [Fact]
    public void While_playing_the_old_song_plays_to_its_end_and_the_set_goes_on_with_the_next_song_from_the_new_order()
    {
        SetlistSlot[] old = Slots(SongEnd.Next, "a", "b", "c");
        PlaybackEngine engine = NewEngine(2, Period, old);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 10);
        SetlistSlot[] newer = Slots(SongEnd.Next, "b", "new", "c");

        engine.OfferSetlist(newer);
        float[] stems = Render(engine, 2 * BarFrames / Period)[1];

        int boundary = 2 * BarFrames - 10 * Period; // song a is two bars long; 10 periods were played before the offer
        Assert.All(stems[..boundary], sample => Assert.Equal(Level("a"), sample));
        Assert.Equal(Level("b"), stems[boundary]);
        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(newer, position.Setlist);
        Assert.Equal(0, position.SongIndex);
        Assert.Equal(1, position.NextSongIndex);
        Assert.Equal(TransportState.Playing, position.State);
    }

    [Fact]
    public void A_song_ending_with_stop_stops_there_and_cues_the_next_song_in_the_new_order()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots(SongEnd.Stop, "a", "b", "c"));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 1);

        engine.OfferSetlist(Slots("c", "b"));
        Render(engine, 2 * BarFrames / Period + 2);

        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(TransportState.Stopped, position.State);
        Assert.Equal(1, position.SongIndex);
        Assert.Equal(["c", "b"], position.Setlist!.Select(slot => slot.Song.Id));
    }

    [Fact]
    public void When_nothing_that_was_to_come_is_in_the_new_order_the_set_stops_at_the_song_s_end_on_the_new_first_song()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots(SongEnd.Segue, "a", "b"));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 1);

        engine.OfferSetlist(Slots("x", "y"));
        float[] stems = Render(engine, 2 * BarFrames / Period + 2)[1];

        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(TransportState.Stopped, position.State);
        Assert.Equal(0, position.SongIndex);
        Assert.Equal("x", position.Setlist![0].Song.Id);
        Assert.Equal(0, stems[^1]);
    }

    [Fact]
    public void A_segue_runs_gaplessly_into_the_new_order_s_song()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots(SongEnd.Segue, "a", "b"));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 1);

        engine.OfferSetlist(Slots("b2", "b"));
        float[] stems = Render(engine, 2 * BarFrames / Period + 2)[1];

        int boundary = 2 * BarFrames - Period;
        Assert.Equal(Level("a"), stems[boundary - 1]);
        Assert.Equal(Level("b"), stems[boundary]);
        Assert.Equal(1, engine.Position.Read().SongIndex);
    }

    [Fact]
    public void A_later_offer_replaces_one_not_yet_taken()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots(SongEnd.Next, "a", "b"));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 1);
        SetlistSlot[] last = Slots("b", "a");

        engine.OfferSetlist(Slots("b"));
        engine.OfferSetlist(last);
        Render(engine, 2 * BarFrames / Period + 2);

        Assert.Equal(last, engine.Position.Read().Setlist);
        Assert.Equal(0, engine.Position.Read().SongIndex);
    }

    [Fact]
    public void A_setlist_that_does_not_fit_the_device_is_refused_when_offered_and_changes_nothing()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots("a"));
        PreparedSong tooWide = Song(Constant(120), bars: 2, stems: [Stem("w", _ => 0.1f, BarFrames, 5)], id: "wide");

        var error = Assert.Throws<ArgumentException>(() => engine.OfferSetlist([new SetlistSlot(tooWide, SongEnd.Stop)]));
        Assert.Throws<ArgumentException>(() => engine.OfferSetlist([]));
        Render(engine, 2);

        Assert.Contains("sends audio to output 6 but the device has 2", error.Message);
        Assert.False(engine.SetlistOffered);
        Assert.Equal("a", Assert.Single(engine.Position.Read().Setlist!).Song.Id);
    }

    [Fact]
    public void Taking_over_a_setlist_allocates_nothing_on_the_audio_thread()
    {
        PlaybackEngine engine = NewEngine(2, Period, Slots(SongEnd.Next, "a", "b", "c"));
        var buffer = new byte[engine.PeriodBytes];
        EngineWarmUp.Run(engine, buffer, periodsPerCommand: 50);
        EngineWarmUp.TakeOverSetlist(engine, buffer);
        SetlistSlot[][] orders = [Slots(SongEnd.Next, "c", "b", "a"), Slots(SongEnd.Segue, "b", "a"), Slots(SongEnd.Stop, "a", "x")];
        long allocated = 0;

        engine.Commands.TryEnqueue(TransportCommand.Play);
        for (int round = 0; round < orders.Length; round++)
        {
            engine.OfferSetlist(orders[round]);
            for (int period = 0; period < 3 * BarFrames / Period; period++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                engine.RenderPeriod(buffer);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        engine.Commands.TryEnqueue(TransportCommand.Stop);
        engine.OfferSetlist(orders[0]);
        for (int period = 0; period < 100; period++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            engine.RenderPeriod(buffer);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(orders[0], engine.Position.Read().Setlist);
        Assert.Equal(0, allocated);
    }

    private static SetlistSlot[] Slots(params string[] ids) => Slots(SongEnd.Stop, ids);

    /// <summary>Two-bar songs whose one stem holds a level all its own (on output 2), each ending with <paramref name="end"/>.</summary>
    private static SetlistSlot[] Slots(SongEnd end, params string[] ids) =>
        ids.Select(id => new SetlistSlot(Song(Constant(120), bars: 2, stems: [Stem(id, _ => Level(id), 2 * BarFrames, 1)], id: id, clickOutputs: [0]), end)).ToArray();

    /// <summary>A level of its own for each song id used here.</summary>
    private static float Level(string id) => (id.Sum(c => c) % 97 + 1) / 400f;
}
