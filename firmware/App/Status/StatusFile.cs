using StageBox.App.Services;
using StageBox.Control.Views;
using StageBox.Engine.Transport;

namespace StageBox.App.Status;

/// <summary>
/// The running box's state, rewritten once a second as a small text file that
/// <c>stagebox status</c> (or a monitoring script) reads: written to a temporary file and
/// renamed over the old one, so a reader never sees half of it. Removed when the box stops.
/// </summary>
internal sealed class StatusFile(string path) : TickedService(TimeSpan.FromSeconds(1))
{
    /// <summary>/run/stagebox/status on the box; the user's runtime folder, or /tmp, elsewhere.</summary>
    public static string DefaultPath =>
        Directory.Exists("/run/stagebox") ? "/run/stagebox/status"
        : System.IO.Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? runtime : Path.GetTempPath(), "stagebox-status");

    public override void Tick(long nowNanoseconds) => Write(Ports.State.Read());

    private void Write(BoxState state)
    {
        StageStatus stage = state.Stage;
        HealthReport health = state.Health;
        string text = string.Join('\n',
            $"updated: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss}",
            $"song: {stage.SongNumber}/{stage.SongCount} {stage.Song}",
            $"transport: {stage.Transport}",
            $"position: bar {stage.Bar} beat {stage.Beat}/{stage.BeatsPerBar}, {stage.Section}, {stage.Tempo} {stage.Meter}",
            $"next: {stage.NextSong}",
            $"output: {state.Output}",
            $"render: p50 {health.RenderMedianMicroseconds:0} us, p99 {health.RenderP99Microseconds:0} us, max {health.RenderMaxMicroseconds:0} us over {health.Periods} periods",
            $"xruns: {health.Xruns}",
            $"device lost: {health.DeviceLosses} times",
            $"latency: {health.LatencyFrames} frames",
            $"audio thread allocations after warm-up: {health.AllocatedBytesAfterWarmUp} bytes",
            $"since playing began: {state.Garbage}",
            $"redundancy: {state.Redundancy?.ToString() ?? "standalone"}",
            "");
        string temporary = path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    public override void Dispose() => File.Delete(path);
}
