using System.Text.RegularExpressions;
using StageBox.App.Status;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App.Services;

public sealed class StatusFileTests
{
    [Fact]
    public void Each_tick_writes_the_box_state_and_stopping_removes_the_file()
    {
        using var box = new TestBox("One", "Two");
        using var folder = new TempDirectory();
        string path = folder.File("status");
        var status = new StatusFile(path);
        status.Start(box.Ports);

        status.Tick(0);
        string[] first = File.ReadAllLines(path);
        box.Health.RecordDevice(xruns: 4, latencyFrames: 512, deviceLosses: 0, deviceAway: false);
        GC.Collect();
        status.Tick(1_000_000_000);
        string[] second = File.ReadAllLines(path);
        status.Dispose();

        Assert.Contains("song: 1/2 One", first);
        Assert.Contains("next: Two", first);
        Assert.Contains("output: the test's output", first);
        Assert.Contains("redundancy: standalone", first);
        Assert.Contains("xruns: 0", first);
        Assert.Contains("xruns: 4", second);
        Assert.Contains("latency: 512 frames", second);
        Assert.False(File.Exists(path), "the status file outlived the box");
        Assert.True(Collections(second) > Collections(first), "a garbage collection while playing was not counted");
    }

    /// <summary>The count in "since playing began: N garbage collections, paused X ms in all".</summary>
    private static int Collections(string[] status)
    {
        Match line = Regex.Match(string.Join('\n', status), @"^since playing began: (\d+) garbage collections, paused \d+\.\d ms in all$", RegexOptions.Multiline);
        Assert.True(line.Success, "no garbage collection line in:\n" + string.Join('\n', status));
        return int.Parse(line.Groups[1].Value);
    }
}
