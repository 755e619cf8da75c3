using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>The pair as this box sees it, for the screen and <c>stagebox status</c>; replaced whole, read from any thread.</summary>
public sealed record RedundancyReport
{
    public required BoxRole Role { get; init; }
    public bool Live { get; init; }
    public bool LinkUp { get; init; }
    /// <summary>Whether the pair is ready to fail over; when not, <see cref="Why"/> says why.</summary>
    public bool Armed { get; init; }
    public string Why { get; init; } = "";
    public double LinkDelayMs { get; init; }
    public double LossPercent { get; init; }
    /// <summary>The standby's offset from the live box, in frames (as the standby last reported it, on the live box).</summary>
    public double OffsetFrames { get; init; }
    public double RatioPpm { get; init; }
    /// <summary>A box gone live whose ratio, steered while it followed, is on its way back to 1 (<see cref="RatioGlide"/>).</summary>
    public bool Gliding { get; init; }
    public int Term { get; init; }
    public LinkCounters Counters { get; init; }
    public string Warning { get; init; } = "";
    public bool TookOver { get; init; }
    public BeatGapSummary BeatGaps { get; init; }

    public override string ToString() =>
        $"{Role.ToString().ToLowerInvariant()}, {(Live ? "live" : "standby")}{(TookOver ? " (took over)" : "")}, term {Term}; "
        + (LinkUp ? $"link up, delay {LinkDelayMs:0.00} ms, loss {LossPercent:0.#}%" : "no link")
        + $"; {(Armed ? "armed" : "disarmed")}{(Why.Length > 0 ? $" ({Why})" : "")}"
        + (Live ? Gliding ? $"; rate {RatioPpm:+0.0;-0.0} ppm, gliding to 0" : "" : $"; offset {OffsetFrames:+0.0;-0.0} frames, rate {RatioPpm:+0.0;-0.0} ppm")
        + (Warning.Length > 0 ? $"; WARNING: {Warning}" : "")
        + $"; packets: {Counters}"
        + (BeatGaps.Gaps > 0 ? $"; {BeatGaps}" : "");
}
