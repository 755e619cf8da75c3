using System.Globalization;
using System.Text.RegularExpressions;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>What the backup of a pair said at its end after a <see cref="FloodTrial"/>, and what was sent at it.</summary>
internal sealed record FloodOutcome(int DatagramBytes, bool Flooded, long Sent, long Beats, double MedianGapMs, double P99GapMs, double MaxGapMs,
    long Lost, long Strangers, long Malformed, long Forged, string Takeover, string FinalLine, string StatusLine)
{
    public override string ToString() =>
        $"{(Flooded ? $"flood of {DatagramBytes}-byte datagrams ({Sent} sent, {Sent / FloodTrial.Length.TotalSeconds:0} per s)" : "no flood")}: "
        + $"beat gap p50 {MedianGapMs:0.00} ms, p99 {P99GapMs:0.00} ms, max {MaxGapMs:0.00} ms over {Beats}; "
        + $"{Lost} beats lost, {Strangers} from strangers refused{(TookOver ? $"; the backup took over ({Takeover})" : "")}";

    public bool TookOver => Takeover.Length > 0;
}

/// <summary>
/// A real pair (<see cref="BoxPair"/>) without a watchdog line, so heartbeats alone decide a
/// takeover, playing while strangers flood both boxes' link ports (<see cref="LinkFlood"/>) for
/// <see cref="Length"/>, or, for a control, while nothing is sent. The figures are the backup's
/// own: the gaps between the heartbeats it took, as its takeover rule saw them (read from its
/// exit summary), over its whole run, the flood taking most of it; and the redundancy line of
/// its status file as the flood ended.
/// </summary>
internal static class FloodTrial
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(10);

    public static FloodOutcome Run(NoiseShow show, int datagramBytes, bool flood, double takeoverAfterMs)
    {
        using var pair = new BoxPair(show, BoxPair.NewKey(), takeoverAfterMs: takeoverAfterMs, watchdogWire: false);
        long sent = 0;
        if (flood) sent = LinkFlood.Run([pair.PrimaryPort, pair.BackupPort], datagramBytes, Length);
        else
        {
            using var idle = new ManualResetEventSlim();
            idle.Wait(Length);
        }
        string status = File.ReadLines(Path.Join(pair.Folder, "backup.status")).Single(line => line.StartsWith("redundancy: "));
        string backup = pair.StopBoth();
        string final = backup.Split('\n').Last(line => line.StartsWith("redundancy: backup,"));
        Match gaps = Regex.Match(final, @"beat gaps p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms over (\d+)");
        if (!gaps.Success) throw new InvalidOperationException($"the backup's summary gives no beat gaps: {final}");
        return new FloodOutcome(datagramBytes, flood, sent, long.Parse(gaps.Groups[4].Value),
            Number(gaps.Groups[1].Value), Number(gaps.Groups[2].Value), Number(gaps.Groups[3].Value),
            Count(final, "lost"), Count(final, "from strangers"), Count(final, "malformed"), Count(final, "forged"),
            backup.Split('\n').FirstOrDefault(line => line.Contains("live (term")) ?? "", final, status);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static long Count(string final, string what) => long.Parse(Regex.Match(final, $@"(\d+) {what}").Groups[1].Value);
}
