using StageBox.Engine.Timeline;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

public class TempoMapTests
{
    [Fact]
    public void Constant_four_four_bars_fall_on_exact_frames()
    {
        TempoMap map = Constant(120);
        Assert.Equal(0, map.FrameAtBar(1, Rate));
        Assert.Equal(96_000, map.FrameAtBar(2, Rate));
        Assert.Equal(99 * 96_000L, map.FrameAtBar(100, Rate));
        Assert.Equal(-2 * 96_000L, map.FrameAtBar(-1, Rate));
        Assert.Equal(24_000 + 12_000, map.FrameAt(new MusicalPosition(1, 2, 480), Rate));
    }

    [Fact]
    public void Six_eight_counts_eighths_at_quarter_note_tempo()
    {
        // DESIGN.md: 6/8 at 120 clicks eighths 0.25 s apart; a bar is 1.5 s.
        TempoMap map = Constant(120, 6, 8);
        Assert.Equal(72_000, map.FrameAtBar(2, Rate));
        Assert.Equal(12_000, map.FrameAt(new MusicalPosition(1, 2), Rate));
        Assert.Equal(new[] { 3, 3 }, map.MeterAtBar(1).Groups);
    }

    [Fact]
    public void Frames_do_not_drift_when_a_beat_is_not_a_whole_number_of_frames()
    {
        // 121 BPM: a quarter is 23801.65... frames. Beat k must sit at round(k x 2880000 / 121), exactly.
        TempoMap map = Constant(121);
        for (int k = 0; k < 4 * 500; k++)
        {
            long expected = (2L * k * 2_880_000 + 121) / (2 * 121);
            Assert.Equal(expected, map.FrameAtQuarter(k, Rate));
        }
    }

    [Fact]
    public void Ramp_follows_the_closed_form_integral_and_holds_its_target_after()
    {
        TempoMap map = Map(new TempoChange(1, 100, Meter.CommonTime), new TempoChange(5, 100, null, 140, 8));
        double rampStart = 16, rampLength = 32, slope = 40 / rampLength;
        for (double q = rampStart; q <= rampStart + rampLength; q += 0.5)
        {
            double expected = 16 * 0.6 + 60 / slope * Math.Log((100 + slope * (q - rampStart)) / 100);
            Assert.Equal(expected, map.SecondsAtQuarter(q), 9);
            Assert.Equal(100 + slope * (q - rampStart), map.TempoAtQuarter(q), 9);
        }
        double rampEnd = map.SecondsAtQuarter(rampStart + rampLength);
        Assert.Equal(rampEnd + 60.0 / 140 * 10, map.SecondsAtQuarter(rampStart + rampLength + 10), 9);
        Assert.Equal(140, map.TempoAtQuarter(500));
    }

    [Fact]
    public void Positions_round_trip_through_frames_across_meter_changes_and_ramps()
    {
        TempoMap map = Map(
            new TempoChange(1, 121, Meter.CommonTime),
            new TempoChange(9, null, new Meter(7, 8, [2, 2, 3])),
            new TempoChange(17, 90, new Meter(6, 8), 150, 4),
            new TempoChange(25, 133, new Meter(5, 4)));
        for (int bar = -1; bar < 40; bar++)
        {
            Meter meter = map.MeterAtBar(bar);
            for (int beat = 1; beat <= meter.Numerator; beat++)
            {
                var position = new MusicalPosition(bar, beat, 0);
                Assert.Equal(position, map.PositionAtQuarter(map.QuarterAt(position)));
                Assert.Equal(position, map.PositionAtFrame(map.FrameAt(position, Rate), Rate));
            }
        }
    }

    [Fact]
    public void Seconds_and_quarters_are_inverse_inside_a_ramp()
    {
        TempoMap map = Map(new TempoChange(1, 80, Meter.CommonTime, 160, 10));
        for (double q = -8; q < 80; q += 1.37)
            Assert.Equal(q, map.QuarterAtSeconds(map.SecondsAtQuarter(q)), 9);
    }

    [Theory]
    [InlineData(new[] { 2 }, new int[0], "bar 1")]
    [InlineData(new[] { 1, 5, 5 }, new int[0], "increase")]
    [InlineData(new[] { 1, 3 }, new[] { 1, 4 }, "inside the ramp")]
    public void Rejects_maps_that_cannot_be_timed(int[] bars, int[] ramp, string fault)
    {
        var changes = bars.Select((bar, i) => new TempoChange(bar, 120, RampTo: ramp.Length > 0 && ramp[0] == i + 1 ? 130 : null, RampBars: ramp.Length > 0 && ramp[0] == i + 1 ? ramp[1] : 0)).ToList();
        var error = Assert.Throws<ArgumentException>(() => new TempoMap(changes));
        Assert.Contains(fault, error.Message);
    }
}
