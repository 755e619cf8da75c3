namespace StageBox.Engine.Timeline;

/// <summary>
/// A song's tempo map: converts exactly between musical positions, quarter notes from bar 1,
/// seconds and sample frames. Bar 1 beat 1 is at 0 in all three; the count-in lies before it
/// at the first entry's tempo and meter.
///
/// Every conversion goes from the exact cumulative time of the segment the position lies in
/// (one segment per constant tempo or ramp), never by adding rounded beat lengths, so nothing
/// drifts however long the song. A ramp changes tempo linearly with quarter-note position; its
/// times are the closed-form integral t = 60/k * ln(T(q)/T0) with slope k in BPM per quarter.
/// </summary>
public sealed class TempoMap
{
    /// <summary>Resolution of <see cref="MusicalPosition.Tick"/>, as DAWs use (960 PPQN).</summary>
    public const int TicksPerQuarter = 960;
    public const double MinTempo = 1;
    public const double MaxTempo = 1000;

    private readonly Segment[] _segments;

    public TempoMap(IReadOnlyList<TempoChange> changes)
    {
        Check(changes);
        _segments = BuildSegments(changes);
    }

    /// <summary>Quarter-note position of the first beat of <paramref name="bar"/> (bar 1 is 0).</summary>
    public double QuarterAtBar(int bar)
    {
        Segment s = _segments[SegmentIndexForBar(bar)];
        return s.StartQuarter + (bar - s.StartBar) * s.Meter.QuartersPerBar;
    }

    public double QuarterAt(MusicalPosition position)
    {
        Meter meter = MeterAtBar(position.Bar);
        return QuarterAtBar(position.Bar) + (position.Beat - 1) * meter.QuartersPerBeat + (double)position.Tick / TicksPerQuarter;
    }

    public Meter MeterAtBar(int bar) => _segments[SegmentIndexForBar(bar)].Meter;

    /// <summary>Seconds from bar 1 to the quarter-note position (negative in the count-in).</summary>
    public double SecondsAtQuarter(double quarter)
    {
        if (quarter < 0) return quarter * 60.0 / _segments[0].StartTempo;
        Segment s = _segments[SegmentIndexForQuarter(quarter)];
        return s.StartSeconds + s.SecondsFor(quarter - s.StartQuarter);
    }

    public double QuarterAtSeconds(double seconds)
    {
        if (seconds < 0) return seconds * _segments[0].StartTempo / 60.0;
        Segment s = _segments[SegmentIndexForSeconds(seconds)];
        return s.StartQuarter + s.QuartersFor(seconds - s.StartSeconds);
    }

    /// <summary>Tempo in force at the position, in quarter notes per minute.</summary>
    public double TempoAtQuarter(double quarter)
    {
        if (quarter < 0) return _segments[0].StartTempo;
        Segment s = _segments[SegmentIndexForQuarter(quarter)];
        return s.TempoAt(quarter - s.StartQuarter);
    }

    /// <summary>The sample frame of a position: round(exact seconds x rate).</summary>
    public long FrameAtQuarter(double quarter, int sampleRate) =>
        (long)Math.Round(SecondsAtQuarter(quarter) * sampleRate, MidpointRounding.AwayFromZero);

    public long FrameAt(MusicalPosition position, int sampleRate) => FrameAtQuarter(QuarterAt(position), sampleRate);

    public long FrameAtBar(int bar, int sampleRate) => FrameAtQuarter(QuarterAtBar(bar), sampleRate);

    public double QuarterAtFrame(long frame, int sampleRate) => QuarterAtSeconds((double)frame / sampleRate);

    /// <summary>The musical position at a quarter-note position, to the nearest tick.</summary>
    public MusicalPosition PositionAtQuarter(double quarter)
    {
        long totalTicks = (long)Math.Round(quarter * TicksPerQuarter);
        int bar = BarContaining(quarter);
        long barStartTicks = (long)Math.Round(QuarterAtBar(bar) * TicksPerQuarter);
        Meter meter = MeterAtBar(bar);
        int ticksPerBeat = TicksPerQuarter * 4 / meter.Denominator;
        long intoBar = totalTicks - barStartTicks;
        if (intoBar >= (long)ticksPerBeat * meter.Numerator)
        {
            bar++;
            intoBar = totalTicks - (long)Math.Round(QuarterAtBar(bar) * TicksPerQuarter);
        }
        return new MusicalPosition(bar, (int)(intoBar / ticksPerBeat) + 1, (int)(intoBar % ticksPerBeat));
    }

    public MusicalPosition PositionAtFrame(long frame, int sampleRate) => PositionAtQuarter(QuarterAtFrame(frame, sampleRate));

    /// <summary>The bar whose span holds the quarter-note position.</summary>
    public int BarContaining(double quarter)
    {
        Segment s = quarter < 0 ? _segments[0] : _segments[SegmentIndexForQuarter(quarter)];
        return s.StartBar + (int)Math.Floor((quarter - s.StartQuarter) / s.Meter.QuartersPerBar + 1e-9);
    }

    private int SegmentIndexForBar(int bar) => LastIndexAtOrBefore(bar, static s => s.StartBar);

    private int SegmentIndexForQuarter(double quarter) => LastIndexAtOrBefore(quarter, static s => s.StartQuarter);

    private int SegmentIndexForSeconds(double seconds) => LastIndexAtOrBefore(seconds, static s => s.StartSeconds);

    private int LastIndexAtOrBefore<T>(T value, Func<Segment, T> key) where T : IComparable<T>
    {
        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (key(_segments[mid]).CompareTo(value) <= 0) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static void Check(IReadOnlyList<TempoChange> changes)
    {
        if (changes.Count == 0 || changes[0].Bar != 1 || changes[0].Tempo is null)
            throw new ArgumentException("a tempo map starts with an entry at bar 1 that gives the tempo", nameof(changes));
        int rampEndsAt = 0;
        for (int i = 0; i < changes.Count; i++)
        {
            TempoChange c = changes[i];
            if (i > 0 && c.Bar <= changes[i - 1].Bar)
                throw new ArgumentException($"tempo map bars must increase: bar {c.Bar} follows bar {changes[i - 1].Bar}", nameof(changes));
            if (c.Bar < rampEndsAt)
                throw new ArgumentException($"bar {c.Bar} falls inside the ramp that ends at bar {rampEndsAt}", nameof(changes));
            if (c.Tempo is < MinTempo or > MaxTempo || c.RampTo is < MinTempo or > MaxTempo)
                throw new ArgumentException($"tempo at bar {c.Bar} is outside {MinTempo}..{MaxTempo}", nameof(changes));
            if (c.IsRamp && c.RampBars < 1)
                throw new ArgumentException($"the ramp at bar {c.Bar} needs ramp_bars of at least 1", nameof(changes));
            if (c.IsRamp) rampEndsAt = c.Bar + c.RampBars;
        }
    }

    private static Segment[] BuildSegments(IReadOnlyList<TempoChange> changes)
    {
        var segments = new List<Segment>();
        double tempo = changes[0].Tempo!.Value;
        Meter meter = changes[0].Meter ?? Meter.CommonTime;
        foreach (TempoChange change in changes)
        {
            meter = change.Meter ?? meter;
            tempo = change.Tempo ?? tempo;
            if (change.IsRamp)
            {
                double target = change.RampTo!.Value;
                segments.Add(Continue(segments, change.Bar, meter, tempo, target, change.RampBars * meter.QuartersPerBar));
                segments.Add(Continue(segments, change.Bar + change.RampBars, meter, target, target, 0));
                tempo = target;
            }
            else
            {
                segments.Add(Continue(segments, change.Bar, meter, tempo, tempo, 0));
            }
        }
        return segments.ToArray();
    }

    /// <summary>A segment starting at <paramref name="bar"/>, timed from the end of the previous one.</summary>
    private static Segment Continue(List<Segment> segments, int bar, Meter meter, double startTempo, double endTempo, double rampQuarters)
    {
        if (segments.Count == 0) return new Segment(bar, 0, 0, meter, startTempo, endTempo, rampQuarters);
        Segment previous = segments[^1];
        double quarter = previous.StartQuarter + (bar - previous.StartBar) * previous.Meter.QuartersPerBar;
        double seconds = previous.StartSeconds + previous.SecondsFor(quarter - previous.StartQuarter);
        return new Segment(bar, quarter, seconds, meter, startTempo, endTempo, rampQuarters);
    }

    /// <summary>A stretch of constant meter with a constant tempo or one linear ramp, then held.</summary>
    private readonly record struct Segment(
        int StartBar, double StartQuarter, double StartSeconds, Meter Meter,
        double StartTempo, double EndTempo, double RampQuarters)
    {
        private bool IsRamp => RampQuarters > 0 && EndTempo != StartTempo;

        /// <summary>Tempo slope in BPM per quarter note.</summary>
        private double Slope => (EndTempo - StartTempo) / RampQuarters;

        public double TempoAt(double quarters) =>
            IsRamp ? StartTempo + Slope * Math.Min(quarters, RampQuarters) : StartTempo;

        public double SecondsFor(double quarters)
        {
            if (!IsRamp) return quarters * 60.0 / StartTempo;
            double inRamp = Math.Min(quarters, RampQuarters);
            double rampSeconds = 60.0 / Slope * Math.Log((StartTempo + Slope * inRamp) / StartTempo);
            return rampSeconds + (quarters - inRamp) * 60.0 / EndTempo;
        }

        public double QuartersFor(double seconds)
        {
            if (!IsRamp) return seconds * StartTempo / 60.0;
            double rampSeconds = SecondsFor(RampQuarters);
            if (seconds <= rampSeconds) return StartTempo / Slope * (Math.Exp(Slope * seconds / 60.0) - 1);
            return RampQuarters + (seconds - rampSeconds) * EndTempo / 60.0;
        }
    }
}
