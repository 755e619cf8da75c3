using StageBox.Tests.Redundancy.Pair;

namespace StageBox.Benchmarks;

/// <summary>
/// <c>make bench ARGS=flood</c>: a real pair without a watchdog line plays for 10 s four times
/// over, with strangers flooding both boxes' link ports at the highest rate one thread can send
/// (1400-byte and 40-byte datagrams) and, for comparison, with nothing sent (<see cref="FloodTrial"/>).
/// The beat gaps are the backup's own, as its takeover rule saw them.
/// </summary>
internal static class FloodRun
{
    /// <summary>
    /// As the flood test: long enough that this shared machine's own stalls (up to about 100 ms
    /// seen) do not end a trial with a takeover; the gaps are what matter, against the box's default 12 ms.
    /// </summary>
    private const double TakeoverAfterMs = 200;

    public static void Run()
    {
        string root = Directory.CreateTempSubdirectory("stagebox-flood-bench-").FullName;
        try
        {
            var show = new NoiseShow(Path.Join(root, "show"));
            Console.WriteLine($"## Flood: junk on the link ports of a playing pair, no watchdog line, {FloodTrial.Length.TotalSeconds:0} s each, takeover after {TakeoverAfterMs} ms");
            Console.WriteLine();
            Console.WriteLine("| datagrams | flood | sent per s | beat gap p50 | p99 | max | beats lost | refused as from strangers | takeover |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (int bytes in new[] { 1400, 40 })
                foreach (bool flood in new[] { false, true })
                {
                    FloodOutcome o = FloodTrial.Run(show, bytes, flood, TakeoverAfterMs);
                    Console.WriteLine($"| {bytes} bytes | {(flood ? "yes" : "no")} | {o.Sent / FloodTrial.Length.TotalSeconds:0} | {o.MedianGapMs:0.00} ms | {o.P99GapMs:0.00} ms | {o.MaxGapMs:0.00} ms | {o.Lost} | {o.Strangers} | {(o.TookOver ? "YES" : "no")} |");
                }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
