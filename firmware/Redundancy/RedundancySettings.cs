namespace StageBox.Redundancy;

/// <summary>Which box this is in a redundant pair, as configured.</summary>
public enum RedundancyRoleSetting
{
    /// <summary>No second box: none of the redundancy runs.</summary>
    Standalone,
    /// <summary>The box that plays when both are up.</summary>
    Primary,
    /// <summary>The box that follows the primary in step and takes over when it stops.</summary>
    Backup,
}

/// <summary>What a standby box sends to its outputs while it follows.</summary>
public enum StandbyOutput
{
    /// <summary>Silence: the two boxes feed one console, and only the live one may sound.</summary>
    Muted,
    /// <summary>The same audio as the live box, for an external switcher that picks one (watching the pilot tone).</summary>
    Switcher,
}

/// <summary>
/// The <c>redundancy:</c> section of /etc/stagebox/stagebox.yaml: the role, the UDP link to the
/// peer (direct cable or LAN) and its shared key, the watchdog lines, what a standby box
/// sounds like, and how soon it takes over.
/// </summary>
public sealed class RedundancySettings
{
    public RedundancyRoleSetting Role { get; set; } = RedundancyRoleSetting.Standalone;

    /// <summary>Where this box listens, address:port.</summary>
    public string Listen { get; set; } = "0.0.0.0:7471";

    /// <summary>The other box, address:port.</summary>
    public string Peer { get; set; } = "";

    /// <summary>The shared HMAC-SHA256 key as hex, at least 128 bits; the same on both boxes (`openssl rand -hex 32`).</summary>
    public string Key { get; set; } = "";

    public StandbyOutput StandbyOutput { get; set; } = StandbyOutput.Muted;

    /// <summary>
    /// How long the live box may be silent on every signal before the standby takes over. With
    /// the heartbeat and watchdog line both once per period (5.3 ms at 256 frames), 12 ms rides
    /// out one late period and keeps the audible gap (this plus the standby's output latency) near 20 ms.
    /// </summary>
    public double TakeoverAfterMs { get; set; } = 12;

    /// <summary>The GPIO chip of the watchdog lines, by label or path; empty: none wired (heartbeats alone decide).</summary>
    public string WatchdogChip { get; set; } = "";

    /// <summary>Line offset this box toggles every period while live; -1: none.</summary>
    public int WatchdogOut { get; set; } = -1;

    /// <summary>Line offset where the peer's toggling arrives; -1: none.</summary>
    public int WatchdogIn { get; set; } = -1;

    /// <summary>On the simulated box: a wire (in /dev/shm) the two simulated boxes share instead of GPIO; empty: none.</summary>
    public string SimulatedWire { get; set; } = "";

    /// <summary>1-based output carrying the pilot tone while the box plays, for an external switcher; 0: none.</summary>
    public int PilotChannel { get; set; }

    public double PilotHz { get; set; } = 1000;

    public double PilotLevelDb { get; set; } = -20;
}
