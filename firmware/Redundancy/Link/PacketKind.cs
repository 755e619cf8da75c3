namespace StageBox.Redundancy.Link;

public enum PacketKind : byte
{
    /// <summary>From the live box, once per audio period its loop completes: where it is and how it is.</summary>
    Beat = 1,
    /// <summary>From the standby box, a few dozen times a second: whether it follows, and how closely.</summary>
    Report = 2,
    /// <summary>From the live box: a transport command as it was queued, for the standby to apply at once.</summary>
    Command = 3,
}
