using StageBox.Show.Sticks;
using StageBox.Tests.Hal;
using StageBox.Tests.Hal.Mounts;

namespace StageBox.Tests.Show.Sticks;

/// <summary>Sticks arriving under and leaving a temporary media root, through the kernel's mount table; every wait bounded.</summary>
public sealed class StickWatcherTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private readonly StickWatcher _watcher;

    public StickWatcherTests() => _watcher = new StickWatcher(new StickDetector(MediaRoot));

    private string MediaRoot => _directory.File("media");

    [Fact]
    public void A_stick_filled_then_remounted_read_only_is_judged_again_and_then_seen_leaving()
    {
        using TmpfsMount stick = TmpfsMount.At(Path.Join(MediaRoot, "stagebox-usb-sdd1"));
        Assert.Equal(new StickArrived(new StickVerdict(stick.Path, StickStatus.Ignored, "no StageBox/ folder at its root")), Next());

        Directory.CreateDirectory(Path.Join(stick.Path, "StageBox"));
        stick.Remount("ro,nosuid,nodev,noexec");
        Assert.Equal(new StickArrived(new StickVerdict(stick.Path, StickStatus.Ready)), Next());

        stick.Unmount();
        Assert.Equal(new StickLeft(stick.Path), Next());
    }

    [Fact]
    public void A_show_stick_remounted_writable_is_refused()
    {
        using TmpfsMount stick = TmpfsMount.At(Path.Join(MediaRoot, "stagebox-usb-sde1"));
        Next();
        Directory.CreateDirectory(Path.Join(stick.Path, "StageBox"));

        stick.Remount("rw,nosuid,nodev,noexec");

        var arrived = Assert.IsType<StickArrived>(Next());
        Assert.Equal("stick: " + stick.Path + " (refused: mounted without ro; a show stick must be mounted ro,nosuid,nodev,noexec (as deploy/udev/90-stagebox-usb-stick.rules does))", arrived.ToString());
    }

    [Fact]
    public void Mounts_outside_the_media_root_raise_nothing_and_sticks_already_there_are_present()
    {
        using TmpfsMount elsewhere = TmpfsMount.At(_directory.File("elsewhere"));
        using TmpfsMount stick = TmpfsMount.At(Path.Join(MediaRoot, "present"));
        using var watcher = new StickWatcher(new StickDetector(MediaRoot));

        Assert.Equal([new StickVerdict(stick.Path, StickStatus.Ignored, "no StageBox/ folder at its root")], watcher.Present());
        // The first event this test's watcher hears is about the media root, though the other mount came first.
        Assert.Equal(new StickArrived(new StickVerdict(stick.Path, StickStatus.Ignored, "no StageBox/ folder at its root")), Next());
    }

    /// <summary>The next stick event under this test's media root (other tests mount elsewhere at the same time).</summary>
    private StickEvent Next()
    {
        using var patience = new CancellationTokenSource(Patience);
        return Assert.Single(_watcher.WaitForEvents(patience.Token));
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _directory.Dispose();
    }
}
