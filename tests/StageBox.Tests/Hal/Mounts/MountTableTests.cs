using StageBox.Hal.Mounts;

namespace StageBox.Tests.Hal.Mounts;

public sealed class MountTableTests
{
    [Fact]
    public void The_proc5_example_line_parses_into_every_field()
    {
        MountEntry entry = Single("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");

        Assert.Equal(new MountEntry(36, 35, 98, 0, "/mnt1", "/mnt2", "rw,noatime", "master:1", "ext3", "/dev/root", "rw,errors=continue"), entry);
    }

    [Theory]
    [InlineData(@"/media/My\040Stick", "/media/My Stick")]
    [InlineData(@"/media/tab\011here", "/media/tab\there")]
    [InlineData(@"/media/back\134slash", @"/media/back\slash")]
    [InlineData(@"/media/new\012line", "/media/new\nline")]
    [InlineData(@"/media/\303\251t\303\251", "/media/été")]
    [InlineData(@"/media/two\040\040spaces\040", "/media/two  spaces ")]
    [InlineData(@"/media/not\8escape", @"/media/not\8escape")]
    [InlineData(@"/media/short\04", @"/media/short\04")]
    public void Escaped_mount_points_are_decoded(string written, string meant)
    {
        MountEntry entry = Single($"101 26 8:17 / {written} ro,nosuid,nodev,noexec,relatime - vfat /dev/sdb1 ro,fmask=0022");

        Assert.Equal(meant, entry.MountPoint);
        Assert.Equal("/dev/sdb1", entry.Source);
    }

    [Fact]
    public void Root_and_source_are_decoded_too()
    {
        MountEntry entry = Single(@"50 26 0:44 /sub\040dir /mnt/bind rw - fuse.sshfs user@host:/my\040files rw,user_id=0");

        Assert.Equal("/sub dir", entry.Root);
        Assert.Equal("user@host:/my files", entry.Source);
        Assert.Equal("fuse.sshfs", entry.FileSystemType);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(" shared:5", "shared:5")]
    [InlineData(" shared:5 master:1 propagate_from:2", "shared:5 master:1 propagate_from:2")]
    public void Optional_fields_run_up_to_the_separator(string written, string expected)
    {
        MountEntry entry = Single($"60 26 0:45 / /media/x rw,relatime{written} - tmpfs tmpfs rw,size=4096k");

        Assert.Equal(expected, entry.OptionalFields);
        Assert.Equal("tmpfs", entry.FileSystemType);
        Assert.Equal("rw,size=4096k", entry.SuperOptions);
    }

    [Theory]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw - ext3 /dev/root", "expected 6 fields")]
    [InlineData("36 35 98:0 /mnt1 /mnt2 rw master:1 ext3 /dev/root rw", "expected 6 fields")]
    [InlineData("36 35 98:0 /mnt1", "expected 6 fields")]
    [InlineData("x 35 98:0 /mnt1 /mnt2 rw - ext3 /dev/root rw", "mount ID 'x'")]
    [InlineData("36 -1 98:0 /mnt1 /mnt2 rw - ext3 /dev/root rw", "parent ID '-1'")]
    [InlineData("36 35 98 /mnt1 /mnt2 rw - ext3 /dev/root rw", "device number '98'")]
    [InlineData("36 35 98:z /mnt1 /mnt2 rw - ext3 /dev/root rw", "minor device number 'z'")]
    public void A_line_not_in_mountinfo_format_is_refused_saying_what_is_wrong(string line, string named)
    {
        var error = Assert.Throws<FormatException>(() => MountTable.Parse(line));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("ro,nosuid", "rw,size=4k", true)]
    [InlineData("rw,nosuid", "ro,size=4k", true)]
    [InlineData("rw,nosuid", "rw,size=4k", false)]
    [InlineData("rw,errors=ro", "rw", false)]
    public void Read_only_is_the_mount_s_flag_or_the_whole_file_system_s(string mountOptions, string superOptions, bool readOnly)
    {
        MountEntry entry = Single($"70 26 8:1 / /media/s {mountOptions} - vfat /dev/sda1 {superOptions}");

        Assert.Equal(readOnly, entry.IsReadOnly);
    }

    [Fact]
    public void This_process_s_own_table_parses_and_holds_the_root()
    {
        MountTable table = MountTable.Read();

        Assert.Contains(table.Entries, entry => entry.MountPoint == "/");
        Assert.All(table.Entries, entry => Assert.StartsWith("/", entry.MountPoint));
    }

    [Fact]
    public void Changes_name_mounts_added_and_removed_and_a_remount_as_both()
    {
        const string root = "26 1 254:0 / / rw,relatime - ext4 /dev/vda rw";
        const string stick = "101 26 8:17 / /media/a rw,relatime - vfat /dev/sdb1 rw";
        const string stickReadOnly = "101 26 8:17 / /media/a ro,nosuid,nodev,noexec,relatime - vfat /dev/sdb1 ro";
        const string other = "102 26 8:33 / /media/b rw,relatime - vfat /dev/sdc1 rw";
        MountTable before = MountTable.Parse($"{root}\n{stick}\n{other}\n");

        MountChanges changes = before.ChangesTo(MountTable.Parse($"{root}\n{stickReadOnly}\n"));

        Assert.Equal([stickReadOnly], changes.Added.Select(Line));
        Assert.Equal([stick, other], changes.Removed.Select(Line));
        Assert.True(before.ChangesTo(MountTable.Parse($"{root}\n{stick}\n{other}")).IsEmpty);
    }

    private static MountEntry Single(string line) => Assert.Single(MountTable.Parse(line + "\n").Entries);

    /// <summary>The entry back in mountinfo's form (these examples hold nothing that needs escaping).</summary>
    private static string Line(MountEntry e) =>
        $"{e.MountId} {e.ParentId} {e.Major}:{e.Minor} {e.Root} {e.MountPoint} {e.MountOptions}{(e.OptionalFields.Length > 0 ? " " + e.OptionalFields : "")} - {e.FileSystemType} {e.Source} {e.SuperOptions}";
}
