using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Services;

/// <summary>
/// The running box at one moment, as everything that reports on it shows it: the status file,
/// the stage screen and (later) a web page read this one object instead of each assembling its own.
/// </summary>
/// <param name="Alerts">The status line's alerts: the pair, an import, the device's trouble.</param>
/// <param name="Redundancy">The pair as this box's node last reported it; null for a box on its own.</param>
/// <param name="Output">The audio device, as the log names it.</param>
/// <param name="Garbage">The garbage collections since the box began to play: each one may hold the audio thread as it returns from a write.</param>
internal sealed record BoxState(PlaybackPosition Position, IReadOnlyList<SetlistSlot> Setlist, HealthReport Health, BoxAlerts Alerts,
    RedundancyReport? Redundancy, string Output, GarbageCollections Garbage)
{
    /// <summary>The song, the bar and the transport in words; made when first asked for, as the screen draws from the position itself.</summary>
    public StageStatus Stage => field ??= StageStatus.From(Position, Setlist);
}

/// <summary>How many garbage collections ran (of any generation) and how long they paused the process in all.</summary>
internal readonly record struct GarbageCollections(int Count, TimeSpan Paused)
{
    public static GarbageCollections SinceProcessStart => new(GC.CollectionCount(0), GC.GetTotalPauseDuration());

    public static GarbageCollections operator -(GarbageCollections now, GarbageCollections then) => new(now.Count - then.Count, now.Paused - then.Paused);

    public override string ToString() => $"{Count} garbage collections, paused {Paused.TotalMilliseconds:0.0} ms in all";
}
