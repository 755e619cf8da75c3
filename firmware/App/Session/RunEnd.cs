using StageBox.App.Services;
using StageBox.Engine.Transport;
using StageBox.Hal;

namespace StageBox.App.Session;

/// <summary>
/// Ends the run by itself: when the audio thread has stopped (a fault it could not ride out),
/// after <c>--exit-after</c>, or with <c>--exit-at-end</c> once playback has stopped by itself.
/// </summary>
/// <param name="audioRunning">Whether the audio thread still runs (<see cref="RenderLoop.IsRunning"/>).</param>
internal sealed class RunEnd(Func<bool> audioRunning, RunLimits limits) : TickedService(TimeSpan.FromMilliseconds(20))
{
    private long _startedAt;
    private bool _played;

    public override void Start(BoxPorts ports)
    {
        base.Start(ports);
        _startedAt = MonotonicClock.NowNanoseconds();
    }

    public override void Tick(long nowNanoseconds)
    {
        bool stopped = Ports.Position.Read().State == TransportState.Stopped;
        bool timeUp = limits.ExitAfter is TimeSpan limit && nowNanoseconds - _startedAt >= (long)limit.TotalNanoseconds;
        if (!audioRunning()) Ports.Lifetime.StopOnFault();
        else if (timeUp || (limits.ExitAtEnd && _played && stopped)) Ports.Lifetime.RequestStop();
        _played |= !stopped;
    }
}
