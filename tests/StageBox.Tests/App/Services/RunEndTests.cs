using StageBox.App.Session;
using StageBox.Control.Actions;
using StageBox.Engine.Transport;

namespace StageBox.Tests.App.Services;

public sealed class RunEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_run_ends_when_the_audio_thread_has_stopped()
    {
        using var box = new TestBox("One");
        bool audioRunning = true;
        var end = new RunEnd(() => audioRunning, new RunLimits(PlayAtOnce: false, ExitAfter: null, ExitAtEnd: false));
        end.Start(box.Ports);

        end.Tick(0);
        bool whileRunning = box.Lifetime.StopRequested;
        audioRunning = false;
        end.Tick(1);

        Assert.False(whileRunning);
        Assert.True(box.Lifetime.StopRequested);
    }

    [Fact]
    public void With_exit_at_end_the_run_ends_once_playback_has_stopped_and_not_before_it_played()
    {
        using var box = new TestBox("One");
        var end = new RunEnd(() => true, new RunLimits(PlayAtOnce: true, ExitAfter: null, ExitAtEnd: true));
        end.Start(box.Ports);

        end.Tick(0);
        bool beforePlaying = box.Lifetime.StopRequested;
        box.Ports.Actions.Dispatch(StageAction.PlayStop);
        box.RenderUntil(p => p.State == TransportState.Playing, Patience);
        end.Tick(1);
        bool whilePlaying = box.Lifetime.StopRequested;
        box.RenderUntil(p => p.State == TransportState.Stopped, TimeSpan.FromMinutes(1));
        end.Tick(2);

        Assert.False(beforePlaying, "ended before the song had played");
        Assert.False(whilePlaying, "ended while the song played");
        Assert.True(box.Lifetime.StopRequested, "did not end once the song had stopped by itself");
    }
}
