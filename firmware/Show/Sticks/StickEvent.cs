namespace StageBox.Show.Sticks;

/// <summary>A drive arriving under the media root, or leaving it.</summary>
public abstract record StickEvent(string MountPoint);

/// <summary>A drive was mounted (or remounted) under the media root; <see cref="Verdict"/> says whether it is a show stick.</summary>
public sealed record StickArrived(StickVerdict Verdict) : StickEvent(Verdict.MountPoint)
{
    public override string ToString() => $"stick: {MountPoint} ({Verdict})";
}

/// <summary>A drive under the media root was unmounted (pulled, or unmounted by systemd).</summary>
public sealed record StickLeft(string MountPoint) : StickEvent(MountPoint)
{
    public override string ToString() => $"stick: {MountPoint} (removed)";
}
