using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// The faults a live box declares about itself, so its standby takes over at once instead of
/// waiting out a timeout: the audio device gone, or an xrun storm (<see cref="StormXruns"/>
/// underruns within <see cref="StormWindowNs"/>).
/// </summary>
internal sealed class FaultWatch
{
    /// <summary>A dying interface runs dry over and over; one stall of the system gives a few in a row, which are not a storm.</summary>
    public const int StormXruns = 8;
    public const long StormWindowNs = 2_000_000_000;
    private readonly Queue<(long At, long Xruns)> _recent = new();

    public BeatFlags Observe(HealthReport health, long now)
    {
        _recent.Enqueue((now, health.Xruns));
        while (_recent.Count > 1 && now - _recent.Peek().At > StormWindowNs) _recent.Dequeue();
        BeatFlags flags = health.DeviceAway ? BeatFlags.DeviceLost : BeatFlags.None;
        if (health.Xruns - _recent.Peek().Xruns >= StormXruns) flags |= BeatFlags.XrunStorm;
        return flags;
    }

    public static string Describe(BeatFlags flags) =>
        (flags & BeatFlags.DeviceLost) != 0 ? "its audio device is gone"
        : (flags & BeatFlags.XrunStorm) != 0 ? $"{StormXruns} or more xruns within {StormWindowNs / 1e9:0} s"
        : "";
}
