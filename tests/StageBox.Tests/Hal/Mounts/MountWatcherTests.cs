using StageBox.Hal.Mounts;

namespace StageBox.Tests.Hal.Mounts;

/// <summary>
/// The watcher against the kernel's own mount table: real tmpfs mounts made and removed while it
/// waits. Other tests mount too, so each test looks for its own mount point among the changes;
/// every wait is bounded by a cancellation token.
/// </summary>
public sealed class MountWatcherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private readonly MountWatcher _watcher = new();

    [Fact]
    public void A_mount_is_noticed_arriving_and_leaving_with_its_path_decoded()
    {
        string point = _directory.File("My Stick\tone");

        using TmpfsMount mount = TmpfsMount.At(point, "ro,nosuid,nodev,noexec");
        MountEntry arrived = WaitFor(changes => changes.Added, point);
        mount.Unmount();
        MountEntry left = WaitFor(changes => changes.Removed, point);

        Assert.Equal("tmpfs", arrived.FileSystemType);
        Assert.True(arrived.IsReadOnly && arrived.HasMountOption("nosuid") && arrived.HasMountOption("nodev") && arrived.HasMountOption("noexec"));
        Assert.Equal(arrived, left);
        Assert.DoesNotContain(_watcher.Table.Entries, entry => entry.MountPoint == point);
    }

    [Fact]
    public void A_remount_is_seen_as_the_old_mount_leaving_and_the_new_one_arriving()
    {
        string point = _directory.File("stick");
        using TmpfsMount mount = TmpfsMount.At(point);
        MountEntry writable = WaitFor(changes => changes.Added, point);

        mount.Remount("ro,nosuid,nodev,noexec");
        MountChanges changes = WaitForChanges(changes => changes.Added.Any(entry => entry.MountPoint == point));

        MountEntry readOnly = changes.Added.Single(entry => entry.MountPoint == point);
        Assert.Contains(writable, changes.Removed);
        Assert.Equal(writable.MountId, readOnly.MountId);
        Assert.False(writable.IsReadOnly);
        Assert.True(readOnly.IsReadOnly);
    }

    [Fact]
    public void A_mount_made_before_the_watch_is_in_its_first_table_not_among_the_changes()
    {
        string point = _directory.File("already");
        using TmpfsMount mount = TmpfsMount.At(point);
        using var watcher = new MountWatcher();

        Assert.Contains(watcher.Table.Entries, entry => entry.MountPoint == point);
    }

    [Fact]
    public void Cancelling_wakes_a_waiting_watcher()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Exception? ended = null;
        // Only a cancellation ends this loop: another test's mount returns a change, and the loop waits again.
        var waiting = new Thread(() => ended = Record.Exception(WaitUntilCancelled(cancel.Token))) { IsBackground = true };

        waiting.Start();

        Assert.True(waiting.Join(Patience), "the cancelled watcher is still waiting");
        Assert.IsType<OperationCanceledException>(ended);
    }

    [Fact]
    public void A_token_cancelled_before_the_wait_returns_at_once()
    {
        Assert.Throws<OperationCanceledException>(() => _watcher.WaitForChanges(new CancellationToken(canceled: true)));
    }

    private Action WaitUntilCancelled(CancellationToken cancel) => () =>
    {
        while (true) _watcher.WaitForChanges(cancel);
    };

    private MountEntry WaitFor(Func<MountChanges, IReadOnlyList<MountEntry>> side, string point) =>
        side(WaitForChanges(changes => side(changes).Any(entry => entry.MountPoint == point))).Single(entry => entry.MountPoint == point);

    private MountChanges WaitForChanges(Func<MountChanges, bool> wanted)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            MountChanges changes = _watcher.WaitForChanges(patience.Token);
            if (wanted(changes)) return changes;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _directory.Dispose();
    }
}
