using System.Collections.Concurrent;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// One box of a redundant pair, on a thread of its own. The live box sends a heartbeat each
/// time its audio loop completes a period (a stalled loop falls silent even if the process
/// lives), mirrors every transport command, and declares its own faults. The standby box
/// follows: it applies the mirrored commands, puts itself where the live box is when they
/// differ, steers its resampling ratio so its speaker plays the same frame at the same moment,
/// and takes over (<see cref="TakeoverRule"/>) when the live box stops playing. A takeover is
/// latched: the box that took over stays live until it hands back at a stop. Of two live
/// boxes the higher term (a count of takeovers) stays live, so a primary that returns stands by.
/// </summary>
public sealed class RedundancyNode : IDisposable
{
    private const long ReportIntervalNs = 20_000_000;
    private const long StatusIntervalNs = 50_000_000;
    private const long LinkUpWithinNs = 500_000_000;
    /// <summary>A difference in transport state may be a command on its way or a jump a frame apart; past this it is corrected.</summary>
    private const long MismatchPatienceNs = 25_000_000;
    /// <summary>A correction shows in the heard position only a period or two later; none is repeated sooner.</summary>
    private const long CorrectionCooldownNs = 60_000_000;
    /// <summary>Further apart than this, the standby jumps (it is muted) rather than steering.</summary>
    private const double AlignBeyondSeconds = 0.002;
    private const long PrimaryListensNs = 300_000_000;
    private const long LoneBackupLeadsAfterNs = 2_000_000_000;
    /// <summary>
    /// Heartbeats that come sealed but are never taken (a peer that never echoes this run's nonce:
    /// played-back recordings) keep a starting box from leading this long at most.
    /// </summary>
    private const long UnansweredBeatsHoldAtMostNs = 10_000_000_000;
    private const long HandBackReportFreshNs = 100_000_000;
    private const long LockstepLogIntervalNs = 10_000_000_000;
    /// <summary>How long a pass waits for the first datagram: the live box sends its beat within this of a period completing.</summary>
    private const int WaitMicroseconds = 1000;
    /// <summary>
    /// The most datagrams one pass reads (each a few microseconds, junk less), so junk on the port
    /// delays this box's own beats and its takeover judgement by a fraction of a millisecond at
    /// most, never by the backlog: what is still queued waits for the next pass.
    /// </summary>
    private const int DatagramsPerPass = 32;

    private readonly BoxRole _role;
    private readonly StandbyOutput _standbyOutput;
    private readonly long _takeoverNs;
    private readonly PeerLink _link;
    private readonly LockstepStage _stage;
    private readonly PlaybackEngine _engine;
    private readonly RenderHealth _health;
    private readonly ShowIdentity _show;
    private readonly IWatchdogInput? _watchdogIn;
    private readonly Action<string> _log;
    private readonly double _framesPerNanosecond;
    private readonly RateController _controller;
    private readonly FaultWatch _faults = new();
    private readonly BeatGaps _beatGaps = new();
    private readonly ConcurrentQueue<TransportCommand> _toMirror = new();
    private readonly byte[] _payload = new byte[PacketCodec.MaxPayloadBytes];
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _roleDecided = new();
    private volatile bool _stopRequested;
    private RedundancyReport _report;

    // Both roles (the node thread only).
    private bool _leading;
    private int _term;
    private bool _tookOver;
    private long _startedAt;
    private string _warning = "";
    private long _nextStatusAt;

    // Following.
    private bool _haveLeader;
    private long _lastBeatAt;
    private BeatPayload _lastBeat;
    private int _leaderTerm;
    private bool _leaderShowMatches = true;
    private long _mismatchSince;
    private long _lastCorrectionAt;
    private long _lastControlAt;
    private double _offsetFrames;
    private bool _offsetKnown;
    private double _worstOffsetInWindow;
    private long _nextLockstepLogAt;
    private ulong _commandsFrom;
    private int _lastCommandNumber;
    private long _nextReportAt;

    // Leading.
    private long _lastBeatPeriods = -1;
    private int _commandsSent;
    private long _peerReportAt;
    private ReportPayload _peerReport;
    private bool _peerShowMatches = true;

    public RedundancyNode(BoxRole role, StandbyOutput standbyOutput, TimeSpan takeoverAfter, PeerLink link, LockstepStage stage,
        PlaybackEngine engine, RenderHealth health, ShowIdentity show, IWatchdogInput? watchdogIn, Action<string> log)
    {
        _role = role;
        _standbyOutput = standbyOutput;
        _takeoverNs = (long)(takeoverAfter.TotalMilliseconds * 1e6);
        _link = link;
        _stage = stage;
        _engine = engine;
        _health = health;
        _show = show;
        _watchdogIn = watchdogIn;
        _log = log;
        _framesPerNanosecond = engine.Format.SampleRate / 1e9;
        _controller = new RateController(engine.Format.SampleRate);
        _report = new RedundancyReport(role, false, false, false, "starting", 0, 0, 0, 0, 0, default, "", false, default);
        _thread = new Thread(Run) { Name = "stagebox-redundancy", IsBackground = true };
    }

    /// <summary>The node thread's latest report: a new immutable object each time, published by a release write, so readers never see one half-made.</summary>
    public RedundancyReport Report => Volatile.Read(ref _report);

    public void Start()
    {
        _startedAt = MonotonicClock.NowNanoseconds();
        _thread.Start();
    }

    /// <summary>Waits until the box knows whether it starts live (a primary listens for a live peer first); true if it did in time.</summary>
    public bool WaitForRole(TimeSpan limit) => _roleDecided.Wait(limit);

    /// <summary>
    /// Takes a transport command from this box's controls (any thread). On the live box it is
    /// applied here and mirrored to the standby: false, queue it locally. On the standby it goes
    /// to the live box, which applies and mirrors it back: true, do not apply it here.
    /// </summary>
    public bool Route(TransportCommand command)
    {
        _toMirror.Enqueue(command);
        return !Volatile.Read(ref _leading);
    }

    private void Run()
    {
        if (_role == BoxRole.Backup) _roleDecided.Set();
        while (!_stopRequested)
        {
            ReceiveSome();
            long now = MonotonicClock.NowNanoseconds();
            if (!_roleDecided.IsSet && !_leading && HeardNoLiveBox(now, PrimaryListensNs)) BecomeLive(_term, "no live box answered");
            if (_leading) Lead(now);
            else Stand(now);
            if (now >= _nextStatusAt)
            {
                PublishReport(now);
                _nextStatusAt = now + StatusIntervalNs;
            }
        }
    }

    /// <summary>Reads what has arrived, waiting up to <see cref="WaitMicroseconds"/> for the first datagram and reading <see cref="DatagramsPerPass"/> at most.</summary>
    /// <summary>
    /// Whether a starting box has heard no live box for <paramref name="listenNs"/>. A live peer's
    /// beats are taken only once they echo this run's nonce, a round trip after this box first
    /// spoke; on a slow start that can take longer than the wait, and leading then would take the
    /// show from the box playing it. So a heartbeat seen but not yet taken starts the wait again,
    /// up to <see cref="UnansweredBeatsHoldAtMostNs"/>.
    /// </summary>
    private bool HeardNoLiveBox(long now, long listenNs) =>
        now - Math.Max(_startedAt, _link.LastHeartbeatSeenAt) > listenNs || now - _startedAt > UnansweredBeatsHoldAtMostNs;

    private void ReceiveSome()
    {
        for (int read = 0; read < DatagramsPerPass; read++)
        {
            Arrival arrival = _link.Receive(read == 0 ? WaitMicroseconds : 0, out PacketHeader header, out ReadOnlySpan<byte> payload, out long receivedAt);
            if (arrival == Arrival.Nothing) return;
            if (arrival == Arrival.Taken) Take(header, payload, receivedAt);
        }
    }

    private void Take(in PacketHeader header, ReadOnlySpan<byte> payload, long receivedAt)
    {
        switch (header.Kind)
        {
            case PacketKind.Beat when PacketCodec.TryRead(payload, out BeatPayload beat):
                if (_leading) OtherLiveBox(header);
                else Follow(header, beat, receivedAt);
                break;
            case PacketKind.Report when PacketCodec.TryRead(payload, out ReportPayload report):
                _peerReportAt = receivedAt;
                _peerReport = report;
                _peerShowMatches = header.Show == _show;
                break;
            case PacketKind.Command when PacketCodec.TryRead(payload, out CommandPayload command):
                TakeCommand(header, command);
                break;
        }
    }

    // ------------------------------------------------------------------ live

    private void Lead(long now)
    {
        HeardPosition heard = _stage.Heard.Read();
        if (heard.Periods != _lastBeatPeriods)
        {
            _lastBeatPeriods = heard.Periods;
            BeatFlags flags = _faults.Observe(_health.Read(), now);
            if (HandsBack(heard, now)) flags |= BeatFlags.HandBack;
            var beat = new BeatPayload(heard.State, heard.SongIndex, heard.NextSongIndex, heard.SongFrame, heard.AtNanoseconds, heard.Periods,
                flags, heard.ClickTrimTenths, heard.Engine.ClickMuted, _commandsSent);
            _link.Send(PacketKind.Beat, _term, _show, _payload.AsSpan(0, PacketCodec.Write(_payload, beat)));
        }
        // Mirrored twice, so one lost packet does not lose a command; the standby applies each number once.
        while (_toMirror.TryDequeue(out TransportCommand command)) SendCommand(command, copies: 2);
    }

    /// <summary>Sends <paramref name="command"/> to the peer under the next command number.</summary>
    private void SendCommand(TransportCommand command, int copies)
    {
        int length = PacketCodec.Write(_payload, new CommandPayload(++_commandsSent, command));
        for (int copy = 0; copy < copies; copy++) _link.Send(PacketKind.Command, _term, _show, _payload.AsSpan(0, length));
    }

    /// <summary>A backup that took over hands the show back at a stop, once the primary follows again with the same show.</summary>
    private bool HandsBack(HeardPosition heard, long now) =>
        _role == BoxRole.Backup && heard.State == TransportState.Stopped
        && now - _peerReportAt < HandBackReportFreshNs && _peerReport.Following && _peerShowMatches;

    private void OtherLiveBox(in PacketHeader header)
    {
        bool yields = header.Term > _term || (header.Term == _term && header.SenderRole == BoxRole.Primary && _role == BoxRole.Backup);
        if (!yields) return;
        StandBy($"the {header.SenderRole.ToString().ToLowerInvariant()} is live with term {header.Term}");
        _haveLeader = true;
        _leaderTerm = header.Term;
        _lastBeatAt = MonotonicClock.NowNanoseconds();
    }

    // ------------------------------------------------------------------ standby

    private void Follow(in PacketHeader header, in BeatPayload beat, long receivedAt)
    {
        _roleDecided.Set();
        _haveLeader = true;
        _beatGaps.Beat(receivedAt);
        _lastBeatAt = receivedAt;
        _lastBeat = beat;
        _leaderTerm = header.Term;
        bool matches = header.Show == _show;
        if (matches != _leaderShowMatches) _log(matches ? "the live box's show matches this one's: armed" : $"the live box plays another show ({header.Show.Short}, here {_show.Short}): disarmed, not following");
        _leaderShowMatches = matches;
        if (!matches) return;
        if ((beat.Flags & BeatFlags.HandBack) != 0 && _role == BoxRole.Primary)
        {
            BecomeLive(header.Term + 1, "the backup handed the show back at a stop");
            return;
        }
        // A live box declaring a fault no longer knows where its speaker is: keep the last good step and take over.
        if ((beat.Flags & (BeatFlags.DeviceLost | BeatFlags.XrunStorm)) == 0) KeepInStep(beat, MonotonicClock.NowNanoseconds());
    }

    private void KeepInStep(in BeatPayload beat, long now)
    {
        HeardPosition mine = _stage.Heard.Read();
        bool peerPlaying = IsPlaying(beat.State);
        bool minePlaying = IsPlaying(mine.State);
        bool cooled = now - _lastCorrectionAt > CorrectionCooldownNs;
        _offsetKnown = false;
        if (peerPlaying && minePlaying && mine.SongIndex == beat.SongIndex)
        {
            double peerHeard = beat.HeardSongFrame + (mine.AtNanoseconds - _link.Clock.ToLocal(beat.HeardAt)) * _framesPerNanosecond;
            _offsetFrames = mine.SongFrame - peerHeard;
            _offsetKnown = true;
            _worstOffsetInWindow = Math.Max(_worstOffsetInWindow, Math.Abs(_offsetFrames));
            if (Math.Abs(_offsetFrames) > AlignBeyondSeconds * 1e9 * _framesPerNanosecond)
            {
                if (cooled) Align(beat, now, $"{_offsetFrames:+0;-0} frames apart");
            }
            else if (cooled)
            {
                _stage.Ratio = _controller.Update(_offsetFrames, _lastControlAt == 0 ? 0 : (now - _lastControlAt) / 1e9);
                _lastControlAt = now;
            }
        }
        bool differs = peerPlaying != minePlaying
            || (peerPlaying && mine.SongIndex != beat.SongIndex)
            || (beat.State == TransportState.Stopped && mine.State == TransportState.Stopped && mine.SongIndex != beat.SongIndex)
            || (beat.State == TransportState.Stopping && mine.State is not (TransportState.Stopping or TransportState.Stopped))
            || mine.NextSongIndex != beat.NextSongIndex
            || mine.Engine.ClickMuted != beat.ClickMuted
            || mine.ClickTrimTenths != beat.ClickTrimTenths;
        if (!differs)
        {
            _mismatchSince = 0;
            return;
        }
        if (_mismatchSince == 0) _mismatchSince = now;
        if (now - _mismatchSince > MismatchPatienceNs && cooled) Correct(beat, mine, now);
    }

    private void Correct(in BeatPayload beat, in HeardPosition mine, long now)
    {
        bool peerPlaying = IsPlaying(beat.State);
        if (peerPlaying && (!IsPlaying(mine.State) || mine.SongIndex != beat.SongIndex))
        {
            Align(beat, now, "its transport differs");
            return;
        }
        if (!peerPlaying && mine.State is TransportState.Playing or TransportState.CountIn) _engine.Commands.TryEnqueue(TransportCommand.Stop);
        else if (beat.State == TransportState.Stopped && mine.State == TransportState.Stopped && mine.SongIndex != beat.SongIndex) _engine.Commands.TryEnqueue(TransportCommand.SelectSong(beat.SongIndex));
        if (peerPlaying && mine.NextSongIndex != beat.NextSongIndex) _engine.Commands.TryEnqueue(TransportCommand.SelectSong(beat.NextSongIndex));
        if (mine.Engine.ClickMuted != beat.ClickMuted) _engine.Commands.TryEnqueue(TransportCommand.ToggleClickMute);
        if (mine.ClickTrimTenths != beat.ClickTrimTenths) _engine.Commands.TryEnqueue(TransportCommand.ClickLevel(beat.ClickTrimTenths - mine.ClickTrimTenths));
        _lastCorrectionAt = now;
        _mismatchSince = 0;
    }

    private void Align(in BeatPayload beat, long now, string why)
    {
        _stage.Ratio = _controller.Steady;
        _stage.Align(new Alignment(beat.SongIndex, beat.HeardSongFrame, _link.Clock.ToLocal(beat.HeardAt)));
        _lastCorrectionAt = now;
        _lastControlAt = 0;
        _mismatchSince = 0;
        _log($"following: put in step with the live box ({why}): song {beat.SongIndex + 1}, frame {beat.HeardSongFrame:0}");
    }

    private void TakeCommand(in PacketHeader header, in CommandPayload command)
    {
        if (_leading)
        {
            // A command from the standby's controls: played here, mirrored back.
            if (_engine.Commands.TryEnqueue(command.Command)) _toMirror.Enqueue(command.Command);
            return;
        }
        if (header.SenderNonce != _commandsFrom)
        {
            _commandsFrom = header.SenderNonce;
            _lastCommandNumber = 0;
        }
        if (command.Number <= _lastCommandNumber) return;
        _lastCommandNumber = command.Number;
        if (_leaderShowMatches) _engine.Commands.TryEnqueue(command.Command);
    }

    private void Stand(long now)
    {
        // This box's own controls, for the live box to play and mirror back.
        while (_toMirror.TryDequeue(out TransportCommand command)) SendCommand(command, copies: 1);
        if (now >= _nextReportAt)
        {
            var report = new ReportPayload(_haveLeader && _leaderShowMatches, (float)_offsetFrames);
            _link.Send(PacketKind.Report, _term, _show, _payload.AsSpan(0, PacketCodec.Write(_payload, report)));
            _nextReportAt = now + ReportIntervalNs;
        }
        if (!_haveLeader)
        {
            if (_role == BoxRole.Backup && HeardNoLiveBox(now, LoneBackupLeadsAfterNs)) BecomeLive(_term + 1, "no primary answered");
            return;
        }
        if (now >= _nextLockstepLogAt)
        {
            if (_nextLockstepLogAt != 0 && _offsetKnown)
                _log($"lockstep: offset {_offsetFrames:+0.00;-0.00} frames, worst {_worstOffsetInWindow:0.00} frames ({_worstOffsetInWindow / _framesPerNanosecond / 1e6:0.000} ms) over {LockstepLogIntervalNs / 1e9:0} s, rate {(_stage.Ratio - 1) * 1e6:+0.0;-0.0} ppm, link delay {_link.Clock.OneWayDelay / 1e6:0.000} ms");
            _worstOffsetInWindow = 0;
            _nextLockstepLogAt = now + LockstepLogIntervalNs;
        }
        if (!_leaderShowMatches) return;
        BeatFlags declared = _lastBeat.Flags & (BeatFlags.DeviceLost | BeatFlags.XrunStorm);
        (Verdict verdict, string why) = TakeoverRule.Judge(now, _lastBeatAt, _watchdogIn?.LatestEdgeNanoseconds(), declared != 0, FaultWatch.Describe(declared), _takeoverNs);
        if (verdict == Verdict.Stopped)
        {
            _tookOver = true;
            BecomeLive(_leaderTerm + 1, $"TAKEOVER: {why}");
            return;
        }
        string warning = verdict == Verdict.SignalLost ? why : "";
        if (warning != _warning && warning.Length > 0) _log($"warning: {warning}");
        _warning = warning;
    }

    private static bool IsPlaying(TransportState state) => state is TransportState.Playing or TransportState.CountIn;

    // ------------------------------------------------------------------ roles

    private void BecomeLive(int term, string why)
    {
        _stage.GoLive();
        Volatile.Write(ref _leading, true);
        _beatGaps.Interrupt();
        _term = term;
        _lastBeatPeriods = -1;
        _warning = "";
        HeardPosition heard = _stage.Heard.Read();
        _log($"live (term {term}): {why}; at {MonotonicClock.NowNanoseconds()} ns, song {heard.SongIndex + 1} frame {heard.SongFrame:0}");
        // The report says live before anyone waiting for the role hears it is decided.
        PublishReport(MonotonicClock.NowNanoseconds());
        _roleDecided.Set();
    }

    private void StandBy(string why)
    {
        _stage.StandBy(keepOutputOpen: _standbyOutput == StandbyOutput.Switcher);
        Volatile.Write(ref _leading, false);
        _tookOver = false;
        _log($"standby: {why}");
    }

    private void PublishReport(long now)
    {
        bool linkUp = _link.LastTakenAt != 0 && now - _link.LastTakenAt < LinkUpWithinNs;
        LinkCounters counters = _link.Counters;
        bool showMatches = _leading ? _peerShowMatches : _leaderShowMatches;
        bool peerFollows = _leading ? now - _peerReportAt < LinkUpWithinNs && _peerReport.Following : _haveLeader;
        string why = !linkUp ? "no link to the other box"
            : !showMatches ? "the boxes hold different shows"
            : !peerFollows ? (_leading ? "the standby box is not following" : "no live box to follow")
            : "";
        double offset = _leading ? _peerReport.OffsetFrames : _offsetFrames;
        Volatile.Write(ref _report, new RedundancyReport(_role, _leading, linkUp, why.Length == 0, why,
            _link.Clock.OneWayDelay / 1e6, counters.Taken + counters.Lost == 0 ? 0 : 100.0 * counters.Lost / (counters.Taken + counters.Lost),
            offset, (_stage.Ratio - 1) * 1e6, _term, counters, _warning, _tookOver, _beatGaps.Summary()));
    }

    public void Dispose()
    {
        _stopRequested = true;
        if (_thread.IsAlive) _thread.Join();
        _roleDecided.Dispose();
    }
}
