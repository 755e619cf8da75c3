using StageBox.Hal.Mounts;
using StageBox.Show.Sticks;
using StageBox.Tests.Hal;
using StageBox.Tests.Hal.Mounts;

namespace StageBox.Tests.Show.Sticks;

/// <summary>
/// The detector's verdicts on real tmpfs "sticks" under a temporary media root, filled while
/// mounted rw and then remounted the way the box's udev rule mounts a stick, or not quite.
/// </summary>
public sealed class StickDetectorTests : IDisposable
{
    private const string SafeOptions = "ro,nosuid,nodev,noexec";
    private readonly TempDirectory _directory = new();
    private readonly StickDetector _detector;

    public StickDetectorTests() => _detector = new StickDetector(MediaRoot);

    private string MediaRoot => _directory.File("media");

    [Fact]
    public void A_stick_with_StageBox_mounted_read_only_nosuid_nodev_noexec_is_ready()
    {
        using TmpfsMount stick = ShowStick("stagebox-usb-sda1", SafeOptions);

        StickVerdict verdict = Judge(stick);

        Assert.Equal(new StickVerdict(stick.Path, StickStatus.Ready), verdict);
        Assert.Equal("ok", verdict.ToString());
    }

    [Theory]
    [InlineData("rw", "ro, nosuid, nodev, noexec")]
    [InlineData("ro,nosuid", "nodev, noexec")]
    [InlineData("ro,nosuid,nodev", "noexec")]
    [InlineData("rw,nosuid,nodev,noexec", "ro")]
    [InlineData("ro,nodev,noexec", "nosuid")]
    public void A_show_stick_mounted_without_a_required_option_is_refused_naming_what_is_missing(string options, string missing)
    {
        using TmpfsMount stick = ShowStick("stagebox-usb-sdb1", options);

        StickVerdict verdict = Judge(stick);

        Assert.Equal(StickStatus.Refused, verdict.Status);
        Assert.StartsWith($"refused: mounted without {missing};", verdict.ToString());
        Assert.Contains("ro,nosuid,nodev,noexec", verdict.Reason);
    }

    [Fact]
    public void A_drive_without_StageBox_is_ignored_whatever_its_options()
    {
        using TmpfsMount drive = TmpfsMount.At(Path.Join(MediaRoot, "holiday-photos"));
        File.WriteAllText(Path.Join(drive.Path, "stagebox.txt"), "not a show");

        StickVerdict verdict = Judge(drive);

        Assert.Equal(StickStatus.Ignored, verdict.Status);
        Assert.Equal("ignored: no StageBox/ folder at its root", verdict.ToString());
    }

    [Fact]
    public void A_StageBox_that_is_a_link_or_a_file_is_refused()
    {
        using TmpfsMount linked = TmpfsMount.At(Path.Join(MediaRoot, "linked"));
        Directory.CreateDirectory(Path.Join(linked.Path, "elsewhere"));
        File.CreateSymbolicLink(Path.Join(linked.Path, "StageBox"), "elsewhere");
        linked.Remount(SafeOptions);
        using TmpfsMount file = TmpfsMount.At(Path.Join(MediaRoot, "file"));
        File.WriteAllText(Path.Join(file.Path, "StageBox"), "");
        file.Remount(SafeOptions);

        Assert.Equal(new StickVerdict(linked.Path, StickStatus.Refused, "StageBox is a symbolic link, not a folder; copy the show itself onto the stick"), Judge(linked));
        Assert.Equal(new StickVerdict(file.Path, StickStatus.Refused, "StageBox is a file, not a folder; copy the show itself onto the stick"), Judge(file));
    }

    [Fact]
    public void Only_mounts_below_the_media_root_concern_it()
    {
        using TmpfsMount root = TmpfsMount.At(MediaRoot);
        using TmpfsMount below = TmpfsMount.At(Path.Join(MediaRoot, "user", "STICK"));
        using TmpfsMount beside = TmpfsMount.At(_directory.File("media-other"));
        MountTable table = MountTable.Read();

        Assert.False(_detector.Concerns(Entry(table, root.Path)));
        Assert.True(_detector.Concerns(Entry(table, below.Path)));
        Assert.False(_detector.Concerns(Entry(table, beside.Path)));
    }

    [Fact]
    public void A_media_root_given_through_a_link_is_compared_resolved()
    {
        Directory.CreateDirectory(MediaRoot);
        string link = _directory.File("media-link");
        Directory.CreateSymbolicLink(link, MediaRoot);
        using TmpfsMount stick = ShowStick("stagebox-usb-sdc1", SafeOptions);

        var detector = new StickDetector(link + "/");

        Assert.Equal(MediaRoot, detector.MediaRoot);
        Assert.True(detector.Concerns(Entry(MountTable.Read(), stick.Path)));
    }

    [Fact]
    public void An_automount_placeholder_does_not_concern_it()
    {
        MountEntry autofs = new(90, 26, 0, 50, "/", Path.Join(MediaRoot, "stick"), "rw,relatime", "", "autofs", "systemd-1", "rw,fd=40");

        Assert.False(_detector.Concerns(autofs));
        Assert.True(_detector.Concerns(autofs with { FileSystemType = "vfat", Source = "/dev/sda1" }));
    }

    /// <summary>A tmpfs under the media root with an empty StageBox/ folder, filled rw and then mounted with <paramref name="options"/>.</summary>
    private TmpfsMount ShowStick(string name, string options)
    {
        TmpfsMount stick = TmpfsMount.At(Path.Join(MediaRoot, name));
        Directory.CreateDirectory(Path.Join(stick.Path, "StageBox", "songs"));
        stick.Remount(options);
        return stick;
    }

    private StickVerdict Judge(TmpfsMount mount)
    {
        MountEntry entry = Entry(MountTable.Read(), mount.Path);
        Assert.True(_detector.Concerns(entry));
        return _detector.Judge(entry);
    }

    private static MountEntry Entry(MountTable table, string mountPoint) => table.Entries.Single(entry => entry.MountPoint == mountPoint);

    public void Dispose() => _directory.Dispose();
}
