namespace StageBox.Show.Sticks;

public enum StickStatus
{
    /// <summary>A show stick, mounted as the box requires: ready to import.</summary>
    Ready,
    /// <summary>Meant as a show stick (it has StageBox/), but not safe to read as it is.</summary>
    Refused,
    /// <summary>A drive without a show on it; not the box's business.</summary>
    Ignored,
}

/// <summary>What the box makes of a drive mounted under the media root, and why.</summary>
public sealed record StickVerdict(string MountPoint, StickStatus Status, string Reason = "")
{
    /// <summary>"ok", "refused: why" or "ignored: why", as the log and `stagebox watch-sticks` print it.</summary>
    public override string ToString() => Status switch
    {
        StickStatus.Ready => "ok",
        StickStatus.Refused => $"refused: {Reason}",
        _ => $"ignored: {Reason}",
    };
}
