using System.Collections.Concurrent;
using StageBox.App.Controls;
using StageBox.Engine.Transport;

namespace StageBox.Tests.App.Services;

public sealed class KeyboardControlsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_key_goes_through_the_floor_units_rules_to_the_engine_and_q_ends_the_run()
    {
        using var box = new TestBox("One", "Two", "Three");
        var keys = new BlockingCollection<ConsoleKeyInfo>();
        using var controls = new KeyboardControls(new ControlSettings(), keys.Take);
        controls.Start(box.Ports);

        keys.Add(new ConsoleKeyInfo('d', ConsoleKey.D, shift: false, alt: false, control: false));
        PlaybackPosition cued = box.RenderUntil(p => p.SongIndex == 1, Patience);
        keys.Add(new ConsoleKeyInfo(' ', ConsoleKey.Spacebar, shift: false, alt: false, control: false));
        PlaybackPosition playing = box.RenderUntil(p => p.State != TransportState.Stopped, Patience);
        bool stoppedBefore = box.Lifetime.StopRequested;
        keys.Add(new ConsoleKeyInfo('q', ConsoleKey.Q, shift: false, alt: false, control: false));
        SpinWait.SpinUntil(() => box.Lifetime.StopRequested, Patience);

        Assert.Equal((1, TransportState.Stopped), (cued.SongIndex, cued.State));
        Assert.Equal(1, playing.SongIndex);
        Assert.NotEqual(TransportState.Stopped, playing.State);
        Assert.False(stoppedBefore);
        Assert.True(box.Lifetime.StopRequested, "q did not end the run");
    }
}
