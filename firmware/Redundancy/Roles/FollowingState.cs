using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// The standby box's part: it follows the live box's beats and keeps in step with them
/// (<see cref="StepKeeper"/>), applies the mirrored commands once each, sends this box's controls
/// to the live box and reports whether it follows, and judges by <see cref="TakeoverRule"/> when the
/// live box has stopped playing. A starting box is here too: a primary listens for a live box
/// before it leads, a backup with no primary leads after a while.
/// </summary>
internal sealed class FollowingState
{
    private const long ReportIntervalNs = 20_000_000;
    private const long PrimaryListensNs = 300_000_000;
    private const long LoneBackupLeadsAfterNs = 2_000_000_000;
    /// <summary>
    /// Heartbeats that come sealed but are never taken (a peer that never echoes this run's nonce:
    /// played-back recordings) keep a starting box from leading this long at most.
    /// </summary>
    private const long UnansweredBeatsHoldAtMostNs = 10_000_000_000;
    /// <summary>The faults a live box declares about itself: it no longer knows where its speaker is.</summary>
    private const BeatFlags DeclaredFaults = BeatFlags.DeviceLost | BeatFlags.XrunStorm;
    /// <summary>
    /// A pass late by more than this (and more than a quarter of the takeover time) was a stall of
    /// this box itself. A shorter one adds at most this to a silence: at the defaults 3 ms, which
    /// with the live box's own beat interval (5.3 ms at 256 frames) stays under the 12 ms timeout,
    /// while a pass on time comes within a fraction of a millisecond of its 1 ms wait.
    /// </summary>
    private const long OwnStallAtLeastNs = 3_000_000;

    private readonly RoleFacts _facts;
    private readonly Outbox _outbox;
    private readonly IPeerLink _link;
    private readonly IMonotonicClock _clock;
    private readonly StepKeeper _keeper;
    private readonly ShowIdentity _show;
    private readonly IWatchdogInput? _watchdogIn;
    private readonly long _takeoverNs;
    private readonly long _ownStallNs;
    private readonly Action<string> _log;
    private readonly CommandQueue _commands;
    private bool _haveLeader;
    private long _lastBeatAt;
    private BeatPayload _lastBeat;
    private int _leaderTerm;
    private bool _leaderShowMatches = true;
    private ulong _commandsFrom;
    private int _lastCommandNumber;
    private long _nextReportAt;
    private long _watchingSince;

    public FollowingState(RoleFacts facts, Outbox outbox, StepKeeper keeper, NodeWiring wiring)
    {
        _facts = facts;
        _outbox = outbox;
        _keeper = keeper;
        _link = wiring.Link;
        _clock = wiring.Clock;
        _commands = wiring.Engine.Commands;
        _show = wiring.Show;
        _watchdogIn = wiring.WatchdogIn;
        _takeoverNs = (long)(wiring.TakeoverAfter.TotalMilliseconds * 1e6);
        // A quarter of the timeout at least: with a long timeout (a TCG guest's 2 s) the many short stalls there do not each restart the watch.
        _ownStallNs = Math.Max(OwnStallAtLeastNs, _takeoverNs / 4);
        _log = wiring.Log;
    }

    /// <summary>The gaps between the beats taken, for the report.</summary>
    public BeatGaps BeatGaps { get; } = new();

    /// <summary>A beat from the live box: followed, unless it holds another show; a primary handed the show back goes live.</summary>
    public LiveRequest? Follow(in PacketHeader header, in BeatPayload beat, long receivedAt)
    {
        _facts.RoleDecided.Set();
        _haveLeader = true;
        BeatGaps.Beat(receivedAt);
        _lastBeatAt = receivedAt;
        _lastBeat = beat;
        _leaderTerm = header.Term;
        bool matches = header.Show == _show;
        if (matches != _leaderShowMatches) _log(matches ? "the live box's show matches this one's: armed" : $"the live box plays another show ({header.Show.Short}, here {_show.Short}): disarmed, not following");
        _leaderShowMatches = matches;
        if (!matches) return null;
        if ((beat.Flags & BeatFlags.HandBack) != 0 && _facts.Role == BoxRole.Primary) return new LiveRequest(header.Term + 1, "the backup handed the show back at a stop");
        // A live box declaring a fault no longer knows where its speaker is: keep the last good step and take over.
        if ((beat.Flags & DeclaredFaults) == 0) _keeper.KeepInStep(beat, _clock.NowNanoseconds());
        return null;
    }

    /// <summary>This box, live, has just yielded to a live box of <paramref name="term"/>: that box leads from now.</summary>
    public void Yielded(int term)
    {
        _haveLeader = true;
        _leaderTerm = term;
        _lastBeatAt = _clock.NowNanoseconds();
    }

    /// <summary>A mirrored command from the live box: applied once per number of its run, and only when the shows match.</summary>
    public void TakeCommand(in PacketHeader header, in CommandPayload command)
    {
        if (header.SenderNonce != _commandsFrom)
        {
            _commandsFrom = header.SenderNonce;
            _lastCommandNumber = 0;
        }
        if (command.Number <= _lastCommandNumber) return;
        _lastCommandNumber = command.Number;
        if (_leaderShowMatches) _commands.TryEnqueue(command.Command);
    }

    /// <summary>A primary starting up leads once no live box has answered for <see cref="PrimaryListensNs"/>.</summary>
    public LiveRequest? ListenedAlone(long now) =>
        !_facts.RoleDecided.IsSet && HeardNoLiveBox(now, PrimaryListensNs) ? new LiveRequest(_facts.Term, "no live box answered") : null;

    /// <summary>
    /// One pass standing by: this box's controls and its report to the live box, then the takeover
    /// judgement. <paramref name="lateNs"/> is how much later than its wait asked this pass came.
    /// </summary>
    public LiveRequest? Stand(long now, long lateNs)
    {
        if (lateNs > _ownStallNs) WatchAfresh(now, lateNs);
        // This box's own controls, for the live box to play and mirror back.
        _outbox.SendQueued(copies: 1);
        if (now >= _nextReportAt)
        {
            _outbox.SendReport(new ReportPayload(_haveLeader && _leaderShowMatches, (float)_keeper.OffsetFrames));
            _nextReportAt = now + ReportIntervalNs;
        }
        if (!_haveLeader)
            return _facts.Role == BoxRole.Backup && HeardNoLiveBox(now, LoneBackupLeadsAfterNs) ? new LiveRequest(_facts.Term + 1, "no primary answered") : null;
        _keeper.LogLockstep(now);
        return _leaderShowMatches ? Judge(now) : null;
    }

    public PeerView View() => new(_leaderShowMatches, _haveLeader, _keeper.OffsetFrames, "no live box to follow");

    private LiveRequest? Judge(long now)
    {
        BeatFlags declared = _lastBeat.Flags & DeclaredFaults;
        (Verdict verdict, string why) = TakeoverRule.Judge(now, _lastBeatAt, _watchdogIn?.LatestEdgeNanoseconds(), declared != 0, FaultWatch.Describe(declared), _takeoverNs, _watchingSince);
        if (verdict == Verdict.Stopped)
        {
            _facts.TookOver = true;
            return new LiveRequest(_leaderTerm + 1, $"TAKEOVER: {why}");
        }
        string warning = verdict == Verdict.SignalLost ? why : "";
        if (warning != _facts.Warning && warning.Length > 0) _log($"warning: {warning}");
        _facts.Warning = warning;
        return null;
    }

    /// <summary>
    /// This box stalled itself: whatever silence it saw may be its own (a whole machine frozen
    /// wakes the standby first), so it does not act on it. Silence counts afresh from now; what
    /// came in during the stall (the beats this pass and the next read, the line's edges, stamped
    /// by the kernel as they happened) shows a live box that played through it, and one truly gone
    /// is taken over a timeout after this box is back.
    /// </summary>
    private void WatchAfresh(long now, long lateNs)
    {
        _watchingSince = now;
        if (_haveLeader && now - _lastBeatAt > _takeoverNs)
            _log($"this box stalled for {lateNs / 1e6:0.0} ms itself: the live box's silence counts from now, not from its last heartbeat");
    }

    /// <summary>
    /// Whether a starting box has heard no live box for <paramref name="listenNs"/>. A live peer's
    /// beats are taken only once they echo this run's nonce, a round trip after this box first
    /// spoke; on a slow start that can take longer than the wait, and leading then would take the
    /// show from the box playing it. So a heartbeat seen but not yet taken starts the wait again,
    /// up to <see cref="UnansweredBeatsHoldAtMostNs"/>.
    /// </summary>
    private bool HeardNoLiveBox(long now, long listenNs) =>
        now - Math.Max(_facts.StartedAt, _link.LastHeartbeatSeenAt) > listenNs || now - _facts.StartedAt > UnansweredBeatsHoldAtMostNs;
}
