using StageBox.Engine.Transport;
using StageBox.Hal.Native;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// One box of a redundant pair, on a thread of its own that runs <see cref="RedundancyNodeCore"/>
/// pass after pass. The live box (<see cref="LeadingState"/>) sends a heartbeat each time its audio
/// loop completes a period, mirrors every transport command, and declares its own faults. The
/// standby box (<see cref="FollowingState"/>) follows: it applies the mirrored commands, puts itself
/// where the live box is when they differ, steers its resampling ratio so its speaker plays the
/// same frame at the same moment, and takes over (<see cref="TakeoverRule"/>) when the live box
/// stops playing. A takeover is latched: the box that took over stays live until it hands back at
/// a stop. Of two live boxes the higher term (a count of takeovers) stays live, so a primary that
/// returns stands by. The thread runs at real-time priority below the audio thread's, so that load
/// on the box delays neither the live box's beats nor the standby's judgement.
/// </summary>
public sealed class RedundancyNode : IDisposable
{
    private readonly RedundancyNodeCore _core;
    private readonly Thread _thread;
    private readonly int? _realtimePriority;
    private readonly Action<string> _log;
    private volatile bool _stopRequested;

    public RedundancyNode(NodeWiring wiring)
    {
        _core = new RedundancyNodeCore(wiring);
        _realtimePriority = wiring.RealtimePriority;
        _log = wiring.Log;
        _thread = new Thread(Run) { Name = "stagebox-redundancy", IsBackground = true };
    }

    /// <summary>The node thread's latest report: a new immutable object each time, published by a release write, so readers never see one half-made.</summary>
    public RedundancyReport Report => _core.Report;

    public void Start()
    {
        _core.Start();
        _thread.Start();
    }

    /// <summary>Waits until the box knows whether it starts live (a primary listens for a live peer first); true if it did in time.</summary>
    public bool WaitForRole(TimeSpan limit) => _core.WaitForRole(limit);

    /// <summary>
    /// Takes a transport command from this box's controls (any thread). On the live box it is
    /// applied here and mirrored to the standby: false, queue it locally. On the standby it goes
    /// to the live box, which applies and mirrors it back: true, do not apply it here.
    /// </summary>
    public bool Route(TransportCommand command) => _core.Route(command);

    private void Run()
    {
        if (_realtimePriority is int priority)
        {
            string? refused = RealTimeScheduling.RaiseCallingThread(priority);
            _log(refused is null ? $"node thread: SCHED_FIFO priority {priority}" : $"warning: {refused}; the node runs at normal priority");
        }
        while (!_stopRequested) _core.Step();
    }

    public void Dispose()
    {
        _stopRequested = true;
        if (_thread.IsAlive) _thread.Join();
        _core.Dispose();
    }
}
