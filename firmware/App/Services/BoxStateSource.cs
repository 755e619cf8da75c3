using StageBox.App.Pair;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Services;

/// <summary>
/// Reads the <see cref="BoxState"/> from where each part of it is published: the engine's
/// position and the audio thread's health (lock-free snapshots), the pair's report (replaced
/// whole by its thread) and the alert board. Any thread may read; none waits on another.
/// Garbage collections are counted from when the source is made, as the box begins to play.
/// </summary>
internal sealed class BoxStateSource(PositionSnapshot position, RenderHealth health, IReadOnlyList<SetlistSlot> setlist, string output,
    AlertBoard alerts, Func<RedundancyReport?> redundancy)
{
    private readonly GarbageCollections _beforePlaying = GarbageCollections.SinceProcessStart;

    public BoxState Read()
    {
        HealthReport audio = health.Read();
        RedundancyReport? pair = redundancy();
        var statusLine = new BoxAlerts(pair is null ? RedundancyStatus.Standalone : RedundancyScreen.StatusOf(pair), alerts.Import,
            audio.DeviceAway, audio.DeviceLosses, audio.Xruns);
        return new BoxState(position.Read(), setlist, audio, statusLine, pair, output, GarbageCollections.SinceProcessStart - _beforePlaying);
    }
}
