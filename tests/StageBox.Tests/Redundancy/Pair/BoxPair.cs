using StageBox.Hal;
using System.Security.Cryptography;
using StageBox.Hal.Sim;
using StageBox.Tests.App;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// Two real stagebox processes as a redundant pair on this machine: each on a clock-paced
/// simulated device with its own crystal error (+80 and -80 ppm), linked over UDP through a
/// <see cref="UdpRelay"/>, with a simulated watchdog wire between them, each recording what its
/// speaker plays. The backup stands by muted, so the recordings combine as a switcher would.
/// </summary>
internal sealed class BoxPair : IDisposable
{
    public const double PrimaryPpm = 80, BackupPpm = -80;
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _folder = new();
    private readonly string _wire = "pair" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _standbyOutput;
    private readonly string _takeover;
    private readonly bool _watchdogWire;

    /// <summary>Starts the pair with the box's default audio settings (period 256, buffer 1024) and, unless given, takeover time.</summary>
    /// <param name="watchdogWire">False: no watchdog line between the boxes, so heartbeats alone decide a takeover (the default configuration).</param>
    /// <param name="backupUnheardFor">How long what the backup sends is lost from its start: its handshake with the playing primary takes that long.</param>
    public BoxPair(NoiseShow show, string key, string standbyOutput = "Muted", double? takeoverAfterMs = null, bool watchdogWire = true, TimeSpan backupUnheardFor = default)
    {
        _watchdogWire = watchdogWire;
        _standbyOutput = standbyOutput;
        _takeover = takeoverAfterMs is double ms ? $"\n  takeover_after_ms: {ms.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
        Show = show;
        Key = key;
        int primaryPort = UdpRelay.FreePort(), backupPort = UdpRelay.FreePort();
        Relay = new UdpRelay(primaryPort, backupPort);
        PrimaryPort = primaryPort;
        BackupPort = backupPort;
        WriteConfiguration("primary", primaryPort, Relay.PrimarySidePort);
        WriteConfiguration("backup", backupPort, Relay.BackupSidePort);
        // The primary first: alone, it goes live after listening for a live box; the backup then finds it playing and falls in step.
        Primary = Start("primary", "--play");
        Primary.WaitForLine(line => line.Contains("live (term 0)"), StartPatience, "the primary going live");
        if (backupUnheardFor > TimeSpan.Zero) Relay.LoseFromBackupFor(backupUnheardFor);
        Backup = Start("backup");
        Backup.WaitForLine(line => line.Contains("following: put in step"), StartPatience, "the backup falling in step");
        // What an attacker could have recorded from here on is what a replay test plays back.
        Relay.FromPrimary.Clear();
    }

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public NoiseShow Show { get; }
    public string Key { get; }
    public UdpRelay Relay { get; }
    public int PrimaryPort { get; }
    public int BackupPort { get; }
    public RunningStageBox Primary { get; }
    public RunningStageBox Backup { get; }

    public string Folder => _folder.Path;

    /// <summary>The status file of the "primary" or the "backup", rewritten by the box once a second.</summary>
    public string StatusFile(string role) => _folder.File($"{role}.status");

    public Recording PrimaryRecording() => new(_folder.File("primary.wav"));

    public Recording BackupRecording() => new(_folder.File("backup.wav"));

    /// <summary>
    /// kill -9 of the primary; when it died at the earliest (CLOCK_MONOTONIC): the moment the signal
    /// was sent, or the primary's last toggle of its watchdog wire if that came later (this test
    /// thread may wait for a core between taking the time and the call), so a gap is never understated.
    /// </summary>
    public long KillPrimary()
    {
        long sent = Signal(Primary.Id, Signals.Kill);
        using var wire = new SimulatedWire($"{_wire}-primary");
        return Math.Max(sent, wire.LatestEdgeNanoseconds());
    }

    /// <summary>Sends <paramref name="signal"/> with kill(2) itself (starting /bin/kill would take milliseconds); the moment it was sent.</summary>
    public long Signal(int pid, int signal)
    {
        long at = MonotonicClock.NowNanoseconds();
        if (Signals.Send(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed");
        return at;
    }

    /// <summary>
    /// Ends both boxes as systemd would (SIGTERM), the backup first so the primary's end is not
    /// taken for a failure; each says its last report and closes its recording. The backup's transcript.
    /// </summary>
    public string StopBoth()
    {
        foreach (RunningStageBox box in new[] { Backup, Primary })
        {
            if (!box.HasExited) Signal(box.Id, Signals.Terminate);
            box.WaitForExit(TimeSpan.FromSeconds(30));
        }
        return Backup.Transcript;
    }

    private RunningStageBox Start(string role, params string[] extra) =>
        StageBoxProcess.Start(Folder, ["run", "--sim", "--config", $"{role}.yaml", "--show", Show.Folder, "--record", $"{role}.wav",
            "--sim-ppm", (role == "primary" ? PrimaryPpm : BackupPpm).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--status-file", $"{role}.status", "--exit-after", "120", .. extra]);

    private void WriteConfiguration(string role, int listen, int peer) =>
        File.WriteAllText(_folder.File($"{role}.yaml"), $"""
            redundancy:
              role: {(role == "primary" ? "Primary" : "Backup")}
              listen: 127.0.0.1:{listen}
              peer: 127.0.0.1:{peer}
              key: {Key}
              simulated_wire: "{(_watchdogWire ? _wire : "")}"
              standby_output: {_standbyOutput}{_takeover}
            """);

    public void Dispose()
    {
        Primary.Dispose();
        Backup.Dispose();
        Relay.Dispose();
        _folder.Dispose();
        foreach (string side in new[] { "primary", "backup" }) File.Delete($"/dev/shm/stagebox-wire-{_wire}-{side}");
    }
}
