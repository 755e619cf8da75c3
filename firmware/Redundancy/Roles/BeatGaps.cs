namespace StageBox.Redundancy.Roles;

/// <summary>The gaps between heartbeats as a standby box took them: how many, the median, the 99th percentile and the largest, in ms.</summary>
public readonly record struct BeatGapSummary(long Gaps, double MedianMs, double P99Ms, double MaxMs)
{
    public override string ToString() => $"beat gaps p50 {MedianMs:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.00} ms over {Gaps}";
}

/// <summary>
/// The time between consecutive heartbeats a standby box takes from the live one, measured as
/// they are read (what the takeover rule sees), kept as a histogram of 0.05 ms bins up to 250 ms
/// and the exact largest: fixed memory however long the show, nothing allocated per beat.
/// </summary>
internal sealed class BeatGaps
{
    private const long BinNs = 50_000;
    private readonly long[] _bins = new long[5000];
    private long _gaps;
    private long _maxNs;
    private long _previousAt;

    /// <summary>A heartbeat taken at <paramref name="at"/> (CLOCK_MONOTONIC ns).</summary>
    public void Beat(long at)
    {
        if (_previousAt != 0)
        {
            long gap = at - _previousAt;
            _bins[Math.Min(gap / BinNs, _bins.Length - 1)]++;
            _gaps++;
            _maxNs = Math.Max(_maxNs, gap);
        }
        _previousAt = at;
    }

    /// <summary>The beats stop for a reason of this box's own (it went live): the next one starts afresh instead of closing a gap.</summary>
    public void Interrupt() => _previousAt = 0;

    public BeatGapSummary Summary() => _gaps == 0 ? default : new(_gaps, Percentile(0.50), Percentile(0.99), _maxNs / 1e6);

    /// <summary>The upper edge of the bin holding the given fraction of the gaps (never above the largest gap).</summary>
    private double Percentile(double fraction)
    {
        long wanted = (long)Math.Ceiling(fraction * _gaps), seen = 0;
        for (int bin = 0; bin < _bins.Length; bin++)
        {
            seen += _bins[bin];
            if (seen >= wanted) return Math.Min((bin + 1) * BinNs, _maxNs) / 1e6;
        }
        return _maxNs / 1e6;
    }
}
