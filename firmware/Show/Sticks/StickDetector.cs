using StageBox.Hal.Files;
using StageBox.Hal.Mounts;
using StageBox.Show.Files;

namespace StageBox.Show.Sticks;

/// <summary>
/// Decides which mounts are show sticks: a file system mounted below the media root (where
/// deploy/udev/90-stagebox-usb-stick.rules has systemd-mount put removable drives) with a
/// <c>StageBox/</c> folder at its root. A show stick must be mounted read-only, nosuid, nodev
/// and noexec, so nothing on it can be changed, run, or act as a device or a set-uid program;
/// one mounted otherwise is refused, naming what is missing.
/// </summary>
public sealed class StickDetector
{
    /// <summary>Where the udev rule mounts sticks: /media/stagebox-usb-sda1 and so on.</summary>
    public const string DefaultMediaRoot = "/media";

    public static readonly IReadOnlyList<string> RequiredOptions = ["ro", "nosuid", "nodev", "noexec"];

    public StickDetector(string mediaRoot)
    {
        // mountinfo lists link-free paths: a media root given through a link (/media -> /run/media) is compared resolved.
        string full = Path.GetFullPath(mediaRoot);
        MediaRoot = Path.TrimEndingDirectorySeparator(RealPath.Resolve(full) ?? full);
    }

    public string MediaRoot { get; }

    /// <summary>
    /// A mount that may be a stick: somewhere below the media root, and not an automount
    /// placeholder (autofs), whose real mount arrives over it on first access.
    /// </summary>
    public bool Concerns(MountEntry mount) =>
        RealPath.IsInside(mount.MountPoint, MediaRoot) && mount.FileSystemType != "autofs";

    /// <summary>Looks for StageBox/ (without following a link) and checks the mount's options.</summary>
    public StickVerdict Judge(MountEntry mount)
    {
        string showFolder = Path.Join(mount.MountPoint, ShowLayout.StickFolder);
        FileKind kind = FileEntry.Of(showFolder).Kind;
        if (kind == FileKind.Missing)
            return new StickVerdict(mount.MountPoint, StickStatus.Ignored, $"no {ShowLayout.StickFolder}/ folder at its root");
        if (kind != FileKind.Directory)
            return new StickVerdict(mount.MountPoint, StickStatus.Refused, $"{ShowLayout.StickFolder} is a {Describe(kind)}, not a folder; copy the show itself onto the stick");
        string[] missing = RequiredOptions.Where(option => !Has(mount, option)).ToArray();
        if (missing.Length > 0)
            return new StickVerdict(mount.MountPoint, StickStatus.Refused,
                $"mounted without {string.Join(", ", missing)}; a show stick must be mounted {string.Join(",", RequiredOptions)} (as deploy/udev/90-stagebox-usb-stick.rules does)");
        return new StickVerdict(mount.MountPoint, StickStatus.Ready);
    }

    private static bool Has(MountEntry mount, string option) => option == "ro" ? mount.IsReadOnly : mount.HasMountOption(option);

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "file",
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Fifo => "FIFO",
        FileKind.CharacterDevice or FileKind.BlockDevice => "device",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
