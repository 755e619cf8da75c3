using StageBox.Control.Input;

namespace StageBox.Tests.Control;

public class QuadratureDecoderTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public void Slow_turns_count_exact_detents_both_ways(int stepsPerDetent)
    {
        var encoder = new EncoderLines(new EncoderSettings(stepsPerDetent));

        double t = encoder.Turn(clockwise: true, 5 * stepsPerDetent, startMs: 0, intervalMs: 30);
        Assert.Equal(5, encoder.Detents);
        Assert.All(encoder.Steps, s => Assert.Equal(1, s.Detents));

        encoder.Turn(clockwise: false, 3 * stepsPerDetent, startMs: t + 500, intervalMs: 30);
        Assert.Equal(8, encoder.Steps.Count);
        Assert.Equal(2, encoder.Detents);
        Assert.All(encoder.Steps.Skip(5), s => Assert.Equal(-1, s.Detents));
    }

    [Fact]
    public void A_detent_is_timed_at_the_edge_that_completes_it()
    {
        var encoder = new EncoderLines(new EncoderSettings());

        encoder.Turn(clockwise: true, 4, startMs: 10, intervalMs: 5);

        Assert.Equal([new EncoderStep(1, SwitchLine.Ns(25))], encoder.Steps);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    public void Bounce_on_one_line_counts_nothing_between_detents(int stepsPerDetent)
    {
        var encoder = new EncoderLines(new EncoderSettings(stepsPerDetent));

        for (int i = 0; i < 10; i++)
            encoder.ToggleA(i * 0.3); // A rings and settles back where it was

        Assert.Empty(encoder.Steps);
    }

    [Fact]
    public void Bounce_on_one_line_nets_zero_with_one_step_per_detent()
    {
        var encoder = new EncoderLines(new EncoderSettings(StepsPerDetent: 1));

        for (int i = 0; i < 10; i++)
            encoder.ToggleA(i * 0.3);

        // Every edge is a detent here, so bounce shows, but as forth and back, never two the same way.
        Assert.Equal([1, -1, 1, -1, 1, -1, 1, -1, 1, -1], encoder.Steps.Select(s => s.Detents));
    }

    [Fact]
    public void Bounce_on_one_line_in_the_middle_of_a_turn_never_counts_the_wrong_way()
    {
        var encoder = new EncoderLines(new EncoderSettings());

        for (int detent = 0; detent < 3; detent++)
        {
            double start = detent * 100;
            encoder.Step(clockwise: true, start);
            encoder.Step(clockwise: true, start + 10);
            for (int i = 1; i <= 6; i++)
                encoder.ToggleB(start + 10 + i * 0.2); // B chatters as it closes
            encoder.Step(clockwise: true, start + 20);
            encoder.Step(clockwise: true, start + 30);
        }

        Assert.Equal([1, 1, 1], encoder.Steps.Select(s => s.Detents));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public void Fast_turns_with_edges_100_microseconds_apart_count_exactly(int stepsPerDetent)
    {
        var encoder = new EncoderLines(new EncoderSettings(stepsPerDetent));

        double t = encoder.Turn(clockwise: true, 400, startMs: 0, intervalMs: 0.1);
        encoder.Turn(clockwise: false, 160, startMs: t, intervalMs: 0.1);

        Assert.Equal((400 - 160) / stepsPerDetent, encoder.Detents);
        Assert.Equal((400 + 160) / stepsPerDetent, encoder.Steps.Count);
    }

    [Fact]
    public void Reversing_mid_detent_counts_nothing_and_the_next_full_detent_counts_once()
    {
        var encoder = new EncoderLines(new EncoderSettings());

        encoder.Turn(clockwise: true, 3, startMs: 0, intervalMs: 10);
        encoder.Turn(clockwise: false, 3, startMs: 30, intervalMs: 10);
        Assert.Empty(encoder.Steps);

        encoder.Turn(clockwise: false, 4, startMs: 100, intervalMs: 10);
        Assert.Equal([-1], encoder.Steps.Select(s => s.Detents));
    }

    [Fact]
    public void Reversing_after_passing_half_way_goes_back_without_counting()
    {
        var encoder = new EncoderLines(new EncoderSettings());

        encoder.Turn(clockwise: true, 2, startMs: 0, intervalMs: 10);
        encoder.Turn(clockwise: false, 2, startMs: 20, intervalMs: 10);
        encoder.Turn(clockwise: true, 4, startMs: 100, intervalMs: 10);

        Assert.Equal([1], encoder.Steps.Select(s => s.Detents));
    }

    [Fact]
    public void A_lost_edge_resets_the_state_machine_without_counting_and_is_counted()
    {
        var encoder = new EncoderLines(new EncoderSettings());

        encoder.Step(clockwise: true, 0);  // A: 00 -> 10
        encoder.LoseB();                   // B: 10 -> 11, never seen: A and B changed "at once" for the decoder
        encoder.Step(clockwise: true, 20); // A: 11 -> 01, arrives as a plain A edge
        encoder.Step(clockwise: true, 30); // B: 01 -> 00 with a gap in B's sequence: reset, at a detent
        Assert.Empty(encoder.Steps);
        Assert.Equal(1, encoder.Decoder.LostEvents);

        encoder.Turn(clockwise: true, 4, startMs: 100, intervalMs: 10);
        Assert.Equal([1], encoder.Steps.Select(s => s.Detents));
    }

    [Fact]
    public void Acceleration_multiplies_only_fast_turns()
    {
        var encoder = new EncoderLines(new EncoderSettings(Accelerate: true));

        // Each detent is timed against the one before it, so the first of each faster run is still at the old pace.
        double t = encoder.Turn(clockwise: true, 3 * 4, startMs: 0, intervalMs: 25); // detents 100 ms apart: 1, 1, 1
        t = encoder.Turn(clockwise: true, 3 * 4, startMs: t, intervalMs: 7.5);       // 47.5, 30, 30 ms: 1, 2, 2
        t = encoder.Turn(clockwise: true, 3 * 4, startMs: t, intervalMs: 2.5);       // 15, 10, 10 ms: 4, 4, 4
        encoder.Turn(clockwise: false, 2 * 4, startMs: t, intervalMs: 2.5);         // reversal counts 1, then 4

        Assert.Equal([1, 1, 1, 1, 2, 2, 4, 4, 4, -1, -4], encoder.Steps.Select(s => s.Detents));
    }

    [Fact]
    public void Without_acceleration_fast_turns_count_one_per_detent()
    {
        var encoder = new EncoderLines(new EncoderSettings(Accelerate: false));

        encoder.Turn(clockwise: true, 40, startMs: 0, intervalMs: 0.5);

        Assert.All(encoder.Steps, s => Assert.Equal(1, s.Detents));
        Assert.Equal(10, encoder.Steps.Count);
    }

    [Fact]
    public void Steps_per_detent_other_than_4_2_or_1_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadratureDecoder(1, 2, false, false, new EncoderSettings(3)));
    }
}
