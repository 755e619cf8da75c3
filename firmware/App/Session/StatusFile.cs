using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Session;

/// <summary>
/// The running box's state, rewritten once a second as a small text file that
/// <c>stagebox status</c> (or a monitoring script) reads: written to a temporary file and
/// renamed over the old one, so a reader never sees half of it.
/// </summary>
internal sealed class StatusFile(string path)
{
    /// <summary>/run/stagebox/status on the box; the user's runtime folder, or /tmp, elsewhere.</summary>
    public static string DefaultPath =>
        Directory.Exists("/run/stagebox") ? "/run/stagebox/status"
        : System.IO.Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? runtime : Path.GetTempPath(), "stagebox-status");

    public void Write(StageStatus stage, HealthReport health, string output, RedundancyReport? redundancy = null)
    {
        string text = string.Join('\n',
            $"updated: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}",
            $"song: {stage.SongNumber}/{stage.SongCount} {stage.Song}",
            $"transport: {stage.Transport}",
            $"position: bar {stage.Bar} beat {stage.Beat}/{stage.BeatsPerBar}, {stage.Section}, {stage.Tempo} {stage.Meter}",
            $"next: {stage.NextSong}",
            $"output: {output}",
            $"render: p50 {health.RenderMedianMicroseconds:0} us, p99 {health.RenderP99Microseconds:0} us, max {health.RenderMaxMicroseconds:0} us over {health.Periods} periods",
            $"xruns: {health.Xruns}",
            $"device lost: {health.DeviceLosses} times",
            $"latency: {health.LatencyFrames} frames",
            $"audio thread allocations after warm-up: {health.AllocatedBytesAfterWarmUp} bytes",
            $"redundancy: {redundancy?.ToString() ?? "standalone"}",
            "");
        string temporary = path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    public void Remove() => File.Delete(path);
}
