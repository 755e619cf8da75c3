using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

/// <summary>The click as rendered by the real engine, checked against an independent reference timeline.</summary>
public class ClickTrackTests
{
    private static readonly ClickSounds Sounds = ClickSounds.Synthesize(Rate);

    /// <summary>One stretch of the reference song: meter, and tempo either constant or ramping over the stretch.</summary>
    private sealed record Stretch(int FromBar, int Numerator, int Denominator, int[]? Groups, double StartTempo, double EndTempo);

    // 4/4, a tempo change, 6/8, 7/8 (2+2+3), a ramp, 5/4, 12/8: 220 bars plus a 2-bar count-in.
    private static readonly Stretch[] Reference =
    [
        new(1, 4, 4, null, 121, 121),
        new(21, 4, 4, null, 133, 133),
        new(41, 6, 8, null, 133, 133),
        new(61, 7, 8, [2, 2, 3], 97, 97),
        new(81, 4, 4, null, 97, 143),
        new(97, 4, 4, null, 143, 143),
        new(121, 5, 4, null, 111, 111),
        new(141, 12, 8, null, 87, 87),
    ];
    private const int Bars = 220, CountIn = 2;

    private static TempoMap ReferenceMap() => new(
    [
        new TempoChange(1, 121, new Meter(4, 4)),
        new TempoChange(21, 133),
        new TempoChange(41, null, new Meter(6, 8)),
        new TempoChange(61, 97, new Meter(7, 8, [2, 2, 3])),
        new TempoChange(81, null, new Meter(4, 4), 143, 16),
        new TempoChange(121, 111, new Meter(5, 4)),
        new TempoChange(141, 87, new Meter(12, 8)),
    ]);

    /// <summary>
    /// Expected clicks, from first principles: each beat's time is the running integral of
    /// 60 / tempo over quarter notes (Simpson's rule, exact for constant tempo), per beat.
    /// </summary>
    private static List<(long Frame, ClickKind Kind)> ExpectedClicks()
    {
        var clicks = new List<(long, ClickKind)>();
        Stretch first = Reference[0];
        double seconds = -CountIn * first.Numerator * (4.0 / first.Denominator) * 60 / first.StartTempo;
        for (int bar = 1 - CountIn; bar <= Bars; bar++)
        {
            Stretch s = Reference.Last(r => r.FromBar <= Math.Max(bar, 1));
            int stretchBars = (Reference.FirstOrDefault(r => r.FromBar > s.FromBar)?.FromBar ?? Bars + 1) - s.FromBar;
            double beatQuarters = 4.0 / s.Denominator;
            var meter = new Meter(s.Numerator, s.Denominator, s.Groups);
            for (int beat = 0; beat < s.Numerator; beat++)
            {
                clicks.Add(((long)Math.Round(seconds * Rate, MidpointRounding.AwayFromZero),
                    beat == 0 ? ClickKind.Accent : meter.IsGroupStart(beat) ? ClickKind.Group : ClickKind.Beat));
                double startQ = ((bar - s.FromBar) * s.Numerator + beat) * beatQuarters;
                double lengthQ = stretchBars * s.Numerator * beatQuarters;
                seconds += Simpson(q => 60 / (s.StartTempo + (s.EndTempo - s.StartTempo) * q / lengthQ), startQ, startQ + beatQuarters);
            }
        }
        return clicks;
    }

    private static double Simpson(Func<double, double> f, double a, double b, int intervals = 64)
    {
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }

    [Fact]
    public void Clicks_land_on_exact_frames_with_the_right_accents_over_220_bars_of_meter_and_tempo_changes()
    {
        PreparedSong song = Song(ReferenceMap(), countIn: CountIn, bars: Bars, clickOutputs: [0]);
        float[] click = RenderSong(song, channels: 1)[0];

        List<int> onsets = Onsets(click);
        List<(long Frame, ClickKind Kind)> expected = ExpectedClicks();
        Assert.Equal(expected.Count, onsets.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Frame - song.StartFrame, onsets[i]);
            Assert.Equal(Sounds.For(expected[i].Kind)[0], click[onsets[i]]);
        }
    }

    [Fact]
    public void Seven_eight_in_two_two_three_accents_beat_one_and_lightly_the_group_starts()
    {
        PreparedSong song = Song(Constant(120, 7, 8, [2, 2, 3]), bars: 2, clickOutputs: [0]);
        float[] click = RenderSong(song, channels: 1)[0];
        ClickKind[] pattern = [ClickKind.Accent, ClickKind.Beat, ClickKind.Group, ClickKind.Beat, ClickKind.Group, ClickKind.Beat, ClickKind.Beat];
        List<int> onsets = Onsets(click);
        Assert.Equal(14, onsets.Count);
        for (int i = 0; i < 14; i++)
        {
            Assert.Equal(i * 12_000, onsets[i]);
            Assert.Equal(Sounds.For(pattern[i % 7])[0], click[onsets[i]]);
        }
    }

    [Fact]
    public void Subdivision_adds_softer_clicks_halfway_between_beats()
    {
        PreparedSong song = Song(Constant(100), bars: 1, subdivision: 2, clickOutputs: [0]);
        float[] click = RenderSong(song, channels: 1)[0];
        List<int> onsets = Onsets(click);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (int)Math.Round(i * 14_400.0)), onsets);
        Assert.Equal(Sounds.For(ClickKind.Subdivision)[0], click[onsets[1]]);
        Assert.Equal(Sounds.For(ClickKind.Beat)[0], click[onsets[2]]);
    }

    [Fact]
    public void Count_in_clicks_before_bar_one_and_click_level_and_outputs_apply()
    {
        PreparedSong song = Song(Constant(120), countIn: 1, bars: 1, clickOutputs: [1], clickGain: 0.5f);
        float[][] output = RenderSong(song, channels: 2);
        Assert.All(output[0], s => Assert.Equal(0, s));
        List<int> onsets = Onsets(output[1]);
        Assert.Equal(new[] { 0, 24_000, 48_000, 72_000, 96_000, 120_000, 144_000, 168_000 }, onsets);
        Assert.Equal(Sounds.For(ClickKind.Accent)[0] * 0.5f, output[1][96_000]);
        Assert.Equal(-96_000, song.StartFrame);
    }

    [Fact]
    public void Accent_and_beat_sounds_differ_in_pitch_and_level()
    {
        float[] accent = Sounds.For(ClickKind.Accent), beat = Sounds.For(ClickKind.Beat);
        Assert.True(accent[0] > beat[0]);
        Assert.True(ZeroCrossings(accent) > ZeroCrossings(beat) * 3 / 2);
        Assert.True(accent.Length <= Rate / 25, "a click is shorter than 40 ms");
    }

    private static int ZeroCrossings(float[] s) => Enumerable.Range(1, s.Length - 1).Count(i => Math.Sign(s[i]) != Math.Sign(s[i - 1]));
}
