using StageBox.Hal.Mounts;

namespace StageBox.Show.Sticks;

/// <summary>
/// Turns mount table changes into stick events: drives arriving under the media root, each
/// judged by the <see cref="StickDetector"/>, and drives leaving it. A mount remounted or moved
/// in place is judged again as an arrival, not reported as leaving.
/// </summary>
/// <remarks>One thread waits at a time; dispose only once it has returned.</remarks>
public sealed class StickWatcher(StickDetector detector) : IDisposable
{
    private readonly MountWatcher _mounts = new();

    public StickDetector Detector => detector;

    /// <summary>The drives mounted under the media root when the watch began, judged.</summary>
    public IReadOnlyList<StickVerdict> Present() =>
        _mounts.Table.Entries.Where(detector.Concerns).Select(detector.Judge).ToArray();

    /// <summary>Blocks until drives arrive under the media root or leave it; returns those events (never none).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public IReadOnlyList<StickEvent> WaitForEvents(CancellationToken cancel)
    {
        while (true)
        {
            MountChanges changes = _mounts.WaitForChanges(cancel);
            MountEntry[] added = changes.Added.Where(detector.Concerns).ToArray();
            StickEvent[] events = changes.Removed.Where(detector.Concerns)
                .Where(gone => !added.Any(mount => mount.MountId == gone.MountId && mount.MountPoint == gone.MountPoint))
                .Select(gone => (StickEvent)new StickLeft(gone.MountPoint))
                .Concat(added.Select(mount => new StickArrived(detector.Judge(mount))))
                .ToArray();
            if (events.Length > 0) return events;
        }
    }

    public void Dispose() => _mounts.Dispose();
}
