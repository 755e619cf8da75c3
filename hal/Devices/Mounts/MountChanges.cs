namespace StageBox.Hal.Mounts;

/// <summary>Mounts that appeared and mounts that went between two readings of the mount table.</summary>
public sealed record MountChanges(IReadOnlyList<MountEntry> Added, IReadOnlyList<MountEntry> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;
}
