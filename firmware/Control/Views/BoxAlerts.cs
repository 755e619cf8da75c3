namespace StageBox.Control.Views;

/// <summary>This box's part in a redundant pair.</summary>
public enum RedundancyRole
{
    /// <summary>No second box configured.</summary>
    Standalone,
    Primary,
    Backup,
}

/// <summary>The redundancy link as the status line shows it.</summary>
/// <param name="BackupLive">The backup has taken over and is the box the audience hears.</param>
/// <param name="Armed">Both boxes hold the same show and the backup follows; false with <paramref name="Detail"/> saying why.</param>
public sealed record RedundancyStatus(RedundancyRole Role, bool LinkUp = false, bool Armed = false, bool BackupLive = false, string Detail = "")
{
    public static readonly RedundancyStatus Standalone = new(RedundancyRole.Standalone);
}

/// <summary>
/// An import from a USB stick or folder: what, how far (0 to 1) and in which phase; or, when
/// <paramref name="Failed"/>, why it failed (in <paramref name="Phase"/>), until the stick is pulled.
/// </summary>
public sealed record ImportProgress(string Source, double Fraction, string Phase, bool Failed = false);

/// <summary>
/// What the status line at the foot of the stage screen reports besides the show: the
/// redundancy link, an import under way, and the audio device's trouble.
/// </summary>
public sealed record BoxAlerts(RedundancyStatus Redundancy, ImportProgress? Import = null, bool DeviceAway = false, long DeviceLosses = 0, long Xruns = 0)
{
    public static readonly BoxAlerts None = new(RedundancyStatus.Standalone);
}
