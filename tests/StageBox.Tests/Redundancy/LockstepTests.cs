using StageBox.Hal;
using StageBox.Tests.App;
using StageBox.Tests.Hal;
using StageBox.Tests.Redundancy.Pair;
using Xunit.Abstractions;

namespace StageBox.Tests.Redundancy;

[Collection(nameof(RedundantPairs))]
/// <summary>The standby in step with the live box, measured from both boxes' recordings, not from what the firmware believes.</summary>
public sealed class LockstepTests(ITestOutputHelper output)
{
    [Fact]
    public void A_standby_box_plays_the_same_frame_as_the_live_one_at_the_same_moment()
    {
        using var folder = new TempDirectory();
        var show = new NoiseShow(folder.Path);
        using var pair = new BoxPair(show, BoxPair.NewKey(), standbyOutput: "Switcher");
        long start = MonotonicClock.NowNanoseconds();
        using (var never = new ManualResetEventSlim()) never.Wait(TimeSpan.FromSeconds(12));
        string backup = pair.StopBoth();
        var p = pair.PrimaryRecording();
        var b = pair.BackupRecording();
        var offsets = new List<double>();
        for (int second = 2; second <= 11; second++)
        {
            offsets.Add(SwitcherView.OffsetMs(show, p, b, start + second * 1_000_000_000L));
            output.WriteLine($"t+{second} s: the standby is {offsets[^1]:+0.000;-0.000} ms from the live box");
        }
        foreach (string line in backup.Split('\n').Where(l => l.StartsWith("redundancy:") || l.StartsWith("audio thread:"))) output.WriteLine(line);
        // A sample that lands on an xrun of either simulated device (this machine is shared) measures the xrun, not the lockstep: the median.
        double median = offsets.Select(Math.Abs).Order().ElementAt(offsets.Count / 2);
        Assert.InRange(median, 0, 0.5);
        // Twelve seconds in lockstep (resampler, rate control, heard positions) on both audio threads, without a byte allocated.
        AudioThreadAllocations.AssertNoneAtExit(backup, minimumPeriods: 1000, "the backup");
        AudioThreadAllocations.AssertNoneAtExit(pair.Primary.Transcript, minimumPeriods: 1000, "the primary");
    }
}
