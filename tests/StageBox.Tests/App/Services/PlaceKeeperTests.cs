using StageBox.App.Resume;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Tests.Hal;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.App.Services;

/// <summary>
/// The band's place kept through a crash, against the ports: the place a run left is taken up by
/// the next as the set stands now. (Songs here are 8 bars at 120 BPM: 16 s.)
/// </summary>
public sealed class PlaceKeeperTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _work = new();
    private readonly TestBox _box = new("one", "two", "three");

    private string PlaceFile => _work.File("status.place");

    private PlaceKeeper StartAfter(SetlistPlace? left)
    {
        if (left is not null) File.WriteAllText(PlaceFile, left.ToText());
        var keeper = new PlaceKeeper(PlaceFile);
        keeper.Start(_box.Ports);
        return keeper;
    }

    private static SetlistPlace Left(int song, string id, long frame, bool playing, TimeSpan ago, string? bootId = null) =>
        new(song, id, frame, playing, MonotonicClock.NowNanoseconds() - (long)ago.TotalNanoseconds, bootId ?? SetlistPlace.CurrentBootId);

    [Fact]
    public void A_song_left_playing_moments_ago_plays_on_where_the_band_is_now()
    {
        SetlistPlace left = Left(1, "two", Rate, playing: true, TimeSpan.FromSeconds(2));
        long startedAt = MonotonicClock.NowNanoseconds();
        using PlaceKeeper keeper = StartAfter(left);
        long startAt = MonotonicClock.NowNanoseconds();
        PlaybackPosition now = _box.RenderUntil(p => p.State == TransportState.Playing, Patience);

        Assert.Equal(1, now.SongIndex);
        // Left 1 s into the song: the band is there plus the time since, as the start measured it, and the one period rendered from there.
        long BandFrameAt(long moment) => Rate + (moment - left.TakenAtNanoseconds) * Rate / 1_000_000_000;
        Assert.InRange(now.SongFrame, BandFrameAt(startedAt), BandFrameAt(startAt) + _box.Engine.PeriodFrames);
        Assert.Contains("playing on in time with the band", _box.Log);
    }

    [Fact]
    public void A_song_left_stopped_is_cued_again()
    {
        using PlaceKeeper keeper = StartAfter(Left(2, "three", 0, playing: false, TimeSpan.FromSeconds(5)));
        PlaybackPosition now = _box.RenderUntil(p => p.SongIndex == 2, Patience);

        Assert.Equal((2, TransportState.Stopped), (now.SongIndex, now.State));
    }

    [Fact]
    public void Past_the_window_the_song_the_band_has_finished_is_behind_and_the_next_is_cued()
    {
        using PlaceKeeper keeper = StartAfter(Left(0, "one", Rate, playing: true, PlaceKeeper.ResumeWindow + TimeSpan.FromSeconds(1)));
        PlaybackPosition now = _box.RenderUntil(p => p.SongIndex == 1, Patience);

        Assert.Equal((1, TransportState.Stopped), (now.SongIndex, now.State));
    }

    [Fact]
    public void A_place_from_another_show_or_boot_is_not_taken()
    {
        using (StartAfter(Left(1, "not-in-this-show", 0, playing: false, TimeSpan.FromSeconds(1))))
        using (StartAfter(Left(2, "three", 0, playing: false, TimeSpan.FromSeconds(1), bootId: "another-boot")))
        {
            Render(_box.Engine, 4);
        }

        Assert.Equal((0, TransportState.Stopped), (_box.Engine.Position.Read().SongIndex, _box.Engine.Position.Read().State));
        Assert.Contains("starting at the top of the set", _box.Log);
    }

    [Fact]
    public void The_place_is_written_each_tick_kept_when_the_audio_fails_and_removed_when_the_box_is_stopped_as_asked()
    {
        PlaceKeeper keeper = StartAfter(null);
        Render(_box.Engine, 1);
        keeper.Tick(MonotonicClock.NowNanoseconds());
        SetlistPlace? written = SetlistPlace.Parse(File.ReadAllText(PlaceFile));
        _box.Lifetime.StopOnFault();
        keeper.Dispose();
        bool keptAfterFault = File.Exists(PlaceFile);

        using var asked = new TestBox("one");
        var second = new PlaceKeeper(PlaceFile);
        second.Start(asked.Ports);
        asked.Lifetime.RequestStop();
        second.Dispose();

        Assert.NotNull(written);
        Assert.Equal((0, "one", false, SetlistPlace.CurrentBootId), (written.SongIndex, written.SongId, written.Playing, written.BootId));
        Assert.True(keptAfterFault, "the place was removed though the audio thread failed");
        Assert.False(File.Exists(PlaceFile), "the place outlived a run stopped as asked");
    }

    public void Dispose()
    {
        _box.Dispose();
        _work.Dispose();
    }
}
