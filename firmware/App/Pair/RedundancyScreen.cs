using StageBox.Control.Views;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Pair;

/// <summary>What the stage screen's status line shows of the node's report.</summary>
internal static class RedundancyScreen
{
    public static RedundancyStatus StatusOf(RedundancyReport report) => new(
        report.Role == BoxRole.Primary ? RedundancyRole.Primary : RedundancyRole.Backup,
        LinkUp: report.LinkUp,
        Armed: report.Armed,
        BackupLive: report.Role == BoxRole.Backup && report.Live,
        Detail: DetailOf(report) + (report.Live && report.Gliding ? $", rate {report.RatioPpm:+0;-0} ppm, gliding to 0" : ""));

    /// <summary>
    /// The warning, why the pair is not armed, or the link (live) or offset (standby). A box just
    /// gone live adds its ratio's glide: after a takeover the other box is usually gone, so this is
    /// said beside whatever else is.
    /// </summary>
    private static string DetailOf(RedundancyReport report) =>
        report.Warning.Length > 0 ? report.Warning
            : !report.Armed ? report.Why
            : report.Live ? $"link {report.LinkDelayMs:0.0} ms, {report.LossPercent:0.#}% loss"
            : $"offset {report.OffsetFrames:+0.0;-0.0} fr";
}
