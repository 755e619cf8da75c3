using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// What both states of a node share about this box's part in the pair: its configured role,
/// whether it is live, its term (a count of takeovers), whether it took the show over, the
/// warning it shows, and whether its role is decided. Written by the node thread only.
/// </summary>
internal sealed class RoleFacts : IDisposable
{
    private bool _leading;

    public RoleFacts(BoxRole role)
    {
        Role = role;
        // A backup starts standing by; only a primary listens for a live box before it knows.
        if (role == BoxRole.Backup) RoleDecided.Set();
    }

    public BoxRole Role { get; }

    /// <summary>Whether this box is live; read from any thread (a control's command is routed by it).</summary>
    public bool Leading
    {
        get => Volatile.Read(ref _leading);
        set => Volatile.Write(ref _leading, value);
    }

    public int Term { get; set; }

    /// <summary>This box went live by a takeover (not by starting alone or being handed the show); cleared when it stands by.</summary>
    public bool TookOver { get; set; }

    /// <summary>A signal lost while the other shows the live box playing; empty when none.</summary>
    public string Warning { get; set; } = "";

    /// <summary>When the node started (ns): a starting box's waits count from here.</summary>
    public long StartedAt { get; set; }

    /// <summary>Set once the box knows whether it starts live.</summary>
    public ManualResetEventSlim RoleDecided { get; } = new();

    public void Dispose() => RoleDecided.Dispose();
}
