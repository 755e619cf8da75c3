using System.Net;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Hal.Sim;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Pair;

/// <summary>
/// This box's side of a redundant pair, put together from the <c>redundancy:</c> settings: the
/// UDP link, the watchdog lines (GPIO, or a simulated wire between two simulated boxes), the
/// stage between engine and device, and the node that runs it all once the engine exists.
/// </summary>
internal sealed class RedundantPair : IDisposable
{
    private readonly RedundancySettings _settings;
    private readonly BoxRole _role;
    private readonly PeerLink _link;
    private readonly ShowIdentity _show;
    private readonly IWatchdogInput? _watchdogIn;
    private readonly IDisposable? _watchdogOutOwner;
    private RedundancyNode? _node;

    private RedundantPair(RedundancySettings settings, PcmFormat format, int periodFrames, int bufferFrames, ShowIdentity show)
    {
        _settings = settings;
        _role = settings.Role == RedundancyRoleSetting.Primary ? BoxRole.Primary : BoxRole.Backup;
        _show = show;
        IDigitalOutput? watchdogOut = null;
        try
        {
            (watchdogOut, _watchdogOutOwner, _watchdogIn) = OpenWatchdogLines(settings, _role);
            _link = new PeerLink(IPEndPoint.Parse(settings.Listen), IPEndPoint.Parse(settings.Peer), LinkKey.FromHex(settings.Key), _role);
        }
        catch
        {
            _watchdogOutOwner?.Dispose();
            _watchdogIn?.Dispose();
            throw;
        }
        // Every box starts standing by; the node makes it live once it knows no other box is.
        Stage = new LockstepStage(format, periodFrames, bufferFrames, outputOpen: settings.StandbyOutput == StandbyOutput.Switcher, watchdogOut);
    }

    /// <summary>
    /// How far the node's thread runs below the audio thread: above every other thread of the box
    /// (the screen, an import, the GC's, all at normal priority), so load delays neither beats nor a
    /// takeover, yet never ahead of the audio thread, whose missed period the audience hears. Ten
    /// below leaves room between them for a system's own real-time work (an IRQ thread, a driver's).
    /// </summary>
    public const int BelowAudioThread = 10;

    /// <summary>The pair for these settings, or null for a box on its own.</summary>
    /// <param name="bufferFrames">The device's buffer, which a takeover rewrites.</param>
    public static RedundantPair? Open(RedundancySettings settings, PcmFormat format, int periodFrames, int bufferFrames, ShowIdentity show) =>
        settings.Role == RedundancyRoleSetting.Standalone ? null : new RedundantPair(settings, format, periodFrames, bufferFrames, show);

    public LockstepStage Stage { get; }

    public string Description =>
        $"redundancy: {_role.ToString().ToLowerInvariant()}, listening on {_settings.Listen}, peer {_settings.Peer}, show {_show.Short}, "
        + $"standby output {_settings.StandbyOutput.ToString().ToLowerInvariant()}, takeover after {_settings.TakeoverAfterMs:0.#} ms, "
        + (_watchdogIn is null ? "no watchdog line" : _settings.SimulatedWire.Length > 0 ? $"simulated watchdog wire '{_settings.SimulatedWire}'" : $"watchdog lines {_settings.WatchdogOut} out, {_settings.WatchdogIn} in on {_settings.WatchdogChip}");

    /// <summary>
    /// Starts the node for the engine about to play; the box then decides whether it starts live.
    /// Its thread runs SCHED_FIFO <see cref="BelowAudioThread"/> below <paramref name="audioPriority"/>.
    /// </summary>
    public RedundancyNode Start(PlaybackEngine engine, RenderHealth health, int audioPriority, Action<string> log)
    {
        _node = new RedundancyNode(new NodeWiring
        {
            Role = _role,
            StandbyOutput = _settings.StandbyOutput,
            TakeoverAfter = TimeSpan.FromMilliseconds(_settings.TakeoverAfterMs),
            Link = _link,
            Stage = Stage,
            Engine = engine,
            Health = health,
            Show = _show,
            WatchdogIn = _watchdogIn,
            Log = log,
            RealtimePriority = Math.Max(1, audioPriority - BelowAudioThread),
        });
        _node.Start();
        return _node;
    }

    private static (IDigitalOutput? Out, IDisposable? OutOwner, IWatchdogInput? In) OpenWatchdogLines(RedundancySettings settings, BoxRole role)
    {
        if (settings.SimulatedWire.Length > 0)
        {
            string mine = role.ToString().ToLowerInvariant(), theirs = role == BoxRole.Primary ? "backup" : "primary";
            var output = new SimulatedWire($"{settings.SimulatedWire}-{mine}");
            return (output, output, new SimulatedWire($"{settings.SimulatedWire}-{theirs}"));
        }
        if (settings.WatchdogChip.Length == 0) return (null, null, null);
        using GpioChip chip = GpioChip.OpenPathOrLabel(settings.WatchdogChip);
        GpioOutputLines? lines = settings.WatchdogOut >= 0 ? new GpioOutputLines(chip, [new GpioOutput(settings.WatchdogOut)]) : null;
        try
        {
            IWatchdogInput? input = settings.WatchdogIn >= 0 ? new GpioWatchdogInput(chip, settings.WatchdogIn) : null;
            return (lines is null ? null : new GpioOutputLine(lines, 0), lines, input);
        }
        catch
        {
            lines?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _node?.Dispose();
        _link.Dispose();
        _watchdogIn?.Dispose();
        _watchdogOutOwner?.Dispose();
    }
}
