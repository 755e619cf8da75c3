using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>The pair as this box sees it, for the screen and <c>stagebox status</c>; replaced whole, read from any thread.</summary>
public sealed record RedundancyReport(
    BoxRole Role, bool Live, bool LinkUp, bool Armed, string Why, double LinkDelayMs, double LossPercent,
    double OffsetFrames, double RatioPpm, int Term, LinkCounters Counters, string Warning, bool TookOver, BeatGapSummary BeatGaps)
{
    public override string ToString() =>
        $"{Role.ToString().ToLowerInvariant()}, {(Live ? "live" : "standby")}{(TookOver ? " (took over)" : "")}, term {Term}; "
        + (LinkUp ? $"link up, delay {LinkDelayMs:0.00} ms, loss {LossPercent:0.#}%" : "no link")
        + $"; {(Armed ? "armed" : "disarmed")}{(Why.Length > 0 ? $" ({Why})" : "")}"
        + (Live ? "" : $"; offset {OffsetFrames:+0.0;-0.0} frames, rate {RatioPpm:+0.0;-0.0} ppm")
        + (Warning.Length > 0 ? $"; WARNING: {Warning}" : "")
        + $"; packets: {Counters}"
        + (BeatGaps.Gaps > 0 ? $"; {BeatGaps}" : "");
}
