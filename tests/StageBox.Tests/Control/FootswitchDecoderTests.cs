using StageBox.Control.Input;
using static StageBox.Control.Input.FootswitchGesture;
using static StageBox.Tests.Control.SwitchLine;

namespace StageBox.Tests.Control;

public class FootswitchDecoderTests
{
    private static readonly FootswitchSettings Plain = new();
    private static readonly FootswitchSettings Double = new() { DoublePress = true };

    [Fact]
    public void Clean_press_and_release_report_at_once_and_after_the_debounce()
    {
        var line = new SwitchLine(Plain);
        line.Edge(100, true);
        Assert.Equal([new FootswitchEvent(Press, Ns(100))], line.Events);

        line.Edge(300, false);
        line.RunUntil(315);
        Assert.Single(line.Events);
        line.RunUntil(320);

        Assert.Equal([new FootswitchEvent(Press, Ns(100)), new FootswitchEvent(Release, Ns(300))], line.Events);
    }

    [Fact]
    public void A_stomp_ringing_for_20_ms_is_one_press_timed_at_its_first_edge_and_one_release()
    {
        var line = new SwitchLine(Plain);
        line.Ring(startMs: 50, untilMs: 70, intervalMs: 0.7, settlesAt: true);
        line.Edge(400, false);
        line.RunUntil(500);

        Assert.Equal([new FootswitchEvent(Press, Ns(50)), new FootswitchEvent(Release, Ns(400))], line.Events);
    }

    [Fact]
    public void Chatter_on_release_is_one_release_timed_at_the_edge_after_which_the_line_stayed_open()
    {
        var line = new SwitchLine(Plain);
        line.Edge(0, true);
        line.Ring(startMs: 200, untilMs: 212, intervalMs: 1.5, settlesAt: false);
        line.RunUntil(400);

        Assert.Equal([new FootswitchEvent(Press, 0), new FootswitchEvent(Release, Ns(212))], line.Events);
    }

    [Fact]
    public void A_glitch_shorter_than_the_debounce_in_a_hold_is_not_a_release()
    {
        var line = new SwitchLine(Plain);
        line.Edge(0, true);
        line.Edge(150, false);
        line.Edge(160, true);
        line.RunUntil(400);

        Assert.Equal([new FootswitchEvent(Press, 0)], line.Events);
    }

    [Fact]
    public void A_long_hold_makes_one_long_press_on_the_tick_at_the_threshold()
    {
        var line = new SwitchLine(Plain);
        line.Edge(2, true);
        line.RunUntil(600);
        Assert.Empty(line.Of(LongPress));
        line.RunUntil(605);
        Assert.Equal([new FootswitchEvent(LongPress, Ns(2))], line.Of(LongPress));

        line.RunUntil(3000);
        line.Edge(3000, false);
        line.RunUntil(3100);

        Assert.Equal([Press, LongPress, Release], line.Events.Select(e => e.Gesture));
    }

    [Fact]
    public void Letting_go_just_before_the_threshold_is_no_long_press_even_if_the_release_is_confirmed_after_it()
    {
        var line = new SwitchLine(Plain);
        line.Edge(0, true);
        line.Edge(595, false);
        line.RunUntil(700);

        Assert.Equal([Press, Release], line.Events.Select(e => e.Gesture));
    }

    [Fact]
    public void Double_press_switch_reports_each_press_at_once_and_the_double_on_the_second_press()
    {
        var line = new SwitchLine(Double);
        line.Edge(0, true);
        line.Edge(80, false);
        line.Edge(200, true);
        line.Edge(280, false);
        line.RunUntil(400);

        Assert.Equal(
        [
            new FootswitchEvent(Press, 0),
            new FootswitchEvent(Release, Ns(80)),
            new FootswitchEvent(Press, Ns(200)),
            new FootswitchEvent(DoublePress, Ns(200)),
            new FootswitchEvent(Release, Ns(280)),
        ], line.Events);
    }

    [Fact]
    public void Presses_further_apart_than_the_window_are_not_a_double_and_a_third_quick_press_starts_a_new_pair()
    {
        var line = new SwitchLine(Double);
        foreach (double at in new double[] { 0, 400, 600, 800 })
        {
            line.Edge(at, true);
            line.Edge(at + 50, false);
        }
        line.RunUntil(1000);

        Assert.Equal([Ns(600)], line.Of(DoublePress).Select(e => e.TimestampNanoseconds));
        Assert.Equal(4, line.Of(Press).Length);
    }

    [Fact]
    public void On_a_normal_switch_two_quick_presses_are_two_presses()
    {
        var line = new SwitchLine(Plain);
        line.Edge(0, true);
        line.Edge(80, false);
        line.Edge(200, true);
        line.Edge(280, false);
        line.RunUntil(400);

        Assert.Equal([Press, Release, Press, Release], line.Events.Select(e => e.Gesture));
    }

    [Fact]
    public void Lost_events_resynchronise_to_the_level_without_a_phantom_press_and_are_counted()
    {
        var line = new SwitchLine(Plain);
        line.Lose(2);
        line.Edge(100, true); // a hold whose first edge was lost: followed, not reported
        line.RunUntil(1000);
        line.Edge(1000, false);
        line.RunUntil(1100);
        Assert.Empty(line.Events);

        line.Edge(1200, true);
        line.Lose(1);
        line.Edge(1300, true); // the release in between was lost: still the same hold
        line.Edge(1400, false);
        line.RunUntil(1500);

        Assert.Equal([new FootswitchEvent(Press, Ns(1200)), new FootswitchEvent(Release, Ns(1400))], line.Events);
        Assert.Equal(3, line.Decoder.LostEvents);
    }

    [Fact]
    public void Lost_events_break_a_double_press_pair()
    {
        var line = new SwitchLine(Double);
        line.Edge(0, true);
        line.Edge(50, false);
        line.Lose(2);
        line.Edge(100, false);
        line.Edge(200, true);
        line.RunUntil(300);

        Assert.Empty(line.Of(DoublePress));
        Assert.Equal(2, line.Of(Press).Length);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Pedal_polarity_is_detected_from_the_idle_level(bool idleLevel, bool normallyClosed)
    {
        PedalPolarity polarity = PedalPolarity.Detect(idleLevel);

        Assert.Equal(normallyClosed, polarity.NormallyClosed);
        Assert.False(polarity.IsActive(idleLevel));
        Assert.True(polarity.IsActive(!idleLevel));
    }

    [Fact]
    public void A_normally_closed_pedal_is_inverted_so_opening_it_is_the_press()
    {
        PedalPolarity polarity = PedalPolarity.Detect(idleLevel: true);
        var decoder = new FootswitchDecoder(Plain);
        var events = new List<FootswitchEvent>();

        decoder.OnEdge(polarity.Apply(new LineEdge(3, Level: false, 1_000, 1)), events);
        decoder.OnEdge(polarity.Apply(new LineEdge(3, Level: true, 200_000_000, 2)), events);
        decoder.Tick(300_000_000, events);

        Assert.Equal([new FootswitchEvent(Press, 1_000), new FootswitchEvent(Release, 200_000_000)], events);
    }
}
