using StageBox.App.Services;

namespace StageBox.App.Systemd;

/// <summary>
/// The box as a systemd service (Type=notify): READY once it plays (the show loaded, the audio
/// device open and its thread running, the screen up), the watchdog fed by the audio loop's
/// progress (<see cref="AudioWatchdog"/>), STOPPING as it ends. Outside systemd it does nothing.
/// </summary>
internal sealed class SystemdService : TickedService
{
    private readonly SystemdNotifier _systemd;
    private readonly AudioWatchdog _watchdog;

    /// <param name="watchdogInterval">systemd's WATCHDOG_USEC; null when it watches nothing.</param>
    public SystemdService(SystemdNotifier systemd, TimeSpan? watchdogInterval)
        : base(watchdogInterval is TimeSpan every ? every / 4 : TimeSpan.FromSeconds(1))
    {
        _systemd = systemd;
        _watchdog = new AudioWatchdog(systemd, watchdogInterval);
    }

    /// <summary>The socket and watchdog interval systemd gives the process in its environment.</summary>
    public static SystemdService FromEnvironment() => new(SystemdNotifier.FromEnvironment(), AudioWatchdog.IntervalFromEnvironment());

    public override void Start(BoxPorts ports)
    {
        base.Start(ports);
        _systemd.Notify($"READY=1\nSTATUS=playing to {ports.State.Read().Output}");
    }

    public override void Tick(long nowNanoseconds) => _watchdog.Observe(Ports.Position.Read().Periods, nowNanoseconds);

    public override void Dispose()
    {
        _systemd.Notify("STOPPING=1");
        _systemd.Dispose();
    }
}
