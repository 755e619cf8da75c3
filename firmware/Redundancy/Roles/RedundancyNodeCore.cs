using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// One pass of a <see cref="RedundancyNode"/> at a time (<see cref="Step"/>): it reads what the
/// link has, hands it to the state the box is in (<see cref="LeadingState"/> or
/// <see cref="FollowingState"/>), lets that state act, switches between them, and publishes the
/// report. Time comes from the wiring's clock only, so a test drives it pass by pass.
/// </summary>
internal sealed class RedundancyNodeCore : IDisposable
{
    /// <summary>The link counts as up while a packet was taken this recently; so does a standby's report.</summary>
    internal const long LinkUpWithinNs = 500_000_000;
    private const long StatusIntervalNs = 50_000_000;
    /// <summary>How long a pass waits for the first datagram: the live box sends its beat within this of a period completing.</summary>
    private const int WaitMicroseconds = 1000;
    /// <summary>
    /// The most datagrams one pass reads (each a few microseconds, junk less), so junk on the port
    /// delays this box's own beats and its takeover judgement by a fraction of a millisecond at
    /// most, never by the backlog: what is still queued waits for the next pass.
    /// </summary>
    private const int DatagramsPerPass = 32;

    private readonly RoleFacts _facts;
    private readonly Outbox _outbox;
    private readonly LeadingState _leading;
    private readonly FollowingState _following;
    private readonly IPeerLink _link;
    private readonly IMonotonicClock _clock;
    private readonly LockstepStage _stage;
    private readonly StandbyOutput _standbyOutput;
    private readonly Action<string> _log;
    private readonly RatioGlide _glide;
    private RedundancyReport _report;
    private long _nextStatusAt;
    private long _lastWaitEndedAt;

    public RedundancyNodeCore(NodeWiring wiring)
    {
        _facts = new RoleFacts(wiring.Role);
        _outbox = new Outbox(wiring.Link, _facts, wiring.Show);
        _leading = new LeadingState(_facts, _outbox, wiring.Stage, wiring.Engine, wiring.Health, wiring.Show);
        _following = new FollowingState(_facts, _outbox, new StepKeeper(wiring.Stage, wiring.Engine, wiring.Link, wiring.Log), wiring);
        _link = wiring.Link;
        _clock = wiring.Clock;
        _stage = wiring.Stage;
        _standbyOutput = wiring.StandbyOutput;
        _log = wiring.Log;
        _glide = new RatioGlide(wiring.Stage);
        _report = new RedundancyReport { Role = wiring.Role, Why = "starting" };
    }

    /// <summary>The latest report: a new immutable object each time, published by a release write, so readers never see one half-made.</summary>
    public RedundancyReport Report => Volatile.Read(ref _report);

    /// <inheritdoc cref="RedundancyNode.Route"/>
    public bool Route(TransportCommand command)
    {
        _outbox.Queue(command);
        return !_facts.Leading;
    }

    public bool WaitForRole(TimeSpan limit) => _facts.RoleDecided.Wait(limit);

    /// <summary>The node starts now: a starting box's waits count from here.</summary>
    public void Start() => _facts.StartedAt = _clock.NowNanoseconds();

    /// <summary>One pass: what has arrived, then the state's own work, then the report when due.</summary>
    public void Step()
    {
        ReceiveSome();
        long now = _clock.NowNanoseconds();
        long lateNs = LateBy(now);
        if (!_facts.Leading && _following.ListenedAlone(now) is LiveRequest listened) BecomeLive(listened);
        if (_facts.Leading)
        {
            _glide.Pass(now);
            _leading.Lead(now);
        }
        else if (_following.Stand(now, lateNs) is LiveRequest takeover) BecomeLive(takeover);
        if (now >= _nextStatusAt)
        {
            PublishReport(now);
            _nextStatusAt = now + StatusIntervalNs;
        }
    }

    /// <summary>
    /// How much later than its wait asked this pass came: the time since the previous pass's wait
    /// ended, less the wait. A pass on time comes within its wait and a little work; more is this
    /// box stalled (descheduled, paged, or the whole machine frozen).
    /// </summary>
    private long LateBy(long now)
    {
        long late = _lastWaitEndedAt == 0 ? 0 : now - _lastWaitEndedAt - WaitMicroseconds * 1000L;
        _lastWaitEndedAt = now;
        return late;
    }

    /// <summary>Reads what has arrived, waiting up to <see cref="WaitMicroseconds"/> for the first datagram and reading <see cref="DatagramsPerPass"/> at most.</summary>
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
                if (_facts.Leading) OtherLiveBox(header);
                else if (_following.Follow(header, beat, receivedAt) is LiveRequest handedBack) BecomeLive(handedBack);
                break;
            case PacketKind.Report when PacketCodec.TryRead(payload, out ReportPayload report):
                _leading.TakeReport(header, report, receivedAt);
                break;
            case PacketKind.Command when PacketCodec.TryRead(payload, out CommandPayload command):
                if (_facts.Leading) _leading.TakeCommand(command);
                else _following.TakeCommand(header, command);
                break;
        }
    }

    /// <summary>A beat while this box is live: of two live boxes, one stands by.</summary>
    private void OtherLiveBox(in PacketHeader header)
    {
        if (!_leading.YieldsTo(header)) return;
        StandBy($"the {header.SenderRole.ToString().ToLowerInvariant()} is live with term {header.Term}");
        _following.Yielded(header.Term);
    }

    private void BecomeLive(LiveRequest request)
    {
        _stage.GoLive();
        _glide.Begin(_clock.NowNanoseconds());
        _facts.Leading = true;
        _following.BeatGaps.Interrupt();
        _facts.Term = request.Term;
        _leading.Begin();
        _facts.Warning = "";
        HeardPosition heard = _stage.Heard.Read();
        _log($"live (term {request.Term}): {request.Why}; at {_clock.NowNanoseconds()} ns, song {heard.SongIndex + 1} frame {heard.SongFrame:0}");
        // The report says live before anyone waiting for the role hears it is decided.
        PublishReport(_clock.NowNanoseconds());
        _facts.RoleDecided.Set();
    }

    private void StandBy(string why)
    {
        _stage.StandBy(keepOutputOpen: _standbyOutput == StandbyOutput.Switcher);
        _facts.Leading = false;
        _facts.TookOver = false;
        _glide.Stop();
        _log($"standby: {why}");
    }

    private void PublishReport(long now)
    {
        PeerView peer = _facts.Leading ? _leading.View(now) : _following.View();
        bool linkUp = _link.LastTakenAt != 0 && now - _link.LastTakenAt < LinkUpWithinNs;
        LinkCounters counters = _link.Counters;
        string why = !linkUp ? "no link to the other box"
            : !peer.ShowMatches ? "the boxes hold different shows"
            : !peer.Follows ? peer.NotFollowing
            : "";
        Volatile.Write(ref _report, new RedundancyReport
        {
            Role = _facts.Role,
            Live = _facts.Leading,
            LinkUp = linkUp,
            Armed = why.Length == 0,
            Why = why,
            LinkDelayMs = _link.Clock.OneWayDelay / 1e6,
            LossPercent = counters.Taken + counters.Lost == 0 ? 0 : 100.0 * counters.Lost / (counters.Taken + counters.Lost),
            OffsetFrames = peer.OffsetFrames,
            RatioPpm = (_stage.Ratio - 1) * 1e6,
            Gliding = _glide.Gliding,
            Term = _facts.Term,
            Counters = counters,
            Warning = _facts.Warning,
            TookOver = _facts.TookOver,
            BeatGaps = _following.BeatGaps.Summary(),
        });
    }

    public void Dispose() => _facts.Dispose();
}
