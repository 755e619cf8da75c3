namespace StageBox.Hal;

/// <summary>
/// The receiving end of a watchdog line a peer box toggles every audio period: a GPIO input with
/// kernel-timestamped edges on the box, a simulated wire between two processes on a PC.
/// </summary>
public interface IWatchdogInput : IDisposable
{
    /// <summary>
    /// Takes the edges that arrived since the last call and returns the CLOCK_MONOTONIC time of
    /// the latest edge ever seen, 0 before the first. Never waits.
    /// </summary>
    long LatestEdgeNanoseconds();
}
