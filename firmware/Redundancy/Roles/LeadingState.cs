using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// The live box's part: a heartbeat each time its audio loop completes a period (a stalled loop
/// falls silent even if the process lives), carrying its own declared faults; every transport
/// command mirrored to the standby; the standby's commands played here; at a stop a backup that
/// took over hands the show back; and of two live boxes it yields to the higher term.
/// </summary>
internal sealed class LeadingState(RoleFacts facts, Outbox outbox, LockstepStage stage, PlaybackEngine engine, RenderHealth health, ShowIdentity show)
{
    private const long HandBackReportFreshNs = 100_000_000;

    private readonly FaultWatch _faults = new();
    private long _lastBeatPeriods = -1;
    private long _livePeriodsAtBegin;
    private long _peerReportAt;
    private ReportPayload _peerReport;
    private bool _peerShowMatches = true;

    /// <summary>
    /// The box has just gone live: it beats once its audio loop has played a period live, whatever
    /// period that is. Not before: that period toggles the watchdog line, and a peer hearing a live
    /// box's beats while its line stays still would take the show straight back.
    /// </summary>
    public void Begin()
    {
        _lastBeatPeriods = -1;
        _livePeriodsAtBegin = stage.LivePeriods;
    }

    public void Lead(long now)
    {
        HeardPosition heard = stage.Heard.Read();
        if (heard.Periods != _lastBeatPeriods && stage.LivePeriods != _livePeriodsAtBegin)
        {
            _lastBeatPeriods = heard.Periods;
            BeatFlags flags = _faults.Observe(health.Read(), now);
            if (HandsBack(heard, now)) flags |= BeatFlags.HandBack;
            outbox.SendBeat(new BeatPayload(heard.State, heard.SongIndex, heard.NextSongIndex, heard.SongFrame, heard.AtNanoseconds, heard.Periods,
                flags, heard.ClickTrimTenths, heard.Engine.ClickMuted, outbox.CommandsSent));
        }
        // Mirrored twice, so one lost packet does not lose a command; the standby applies each number once.
        outbox.SendQueued(copies: 2);
    }

    /// <summary>A standby's report, kept in either role: a box that goes live knows at once whether its peer follows.</summary>
    public void TakeReport(in PacketHeader header, in ReportPayload report, long receivedAt)
    {
        _peerReportAt = receivedAt;
        _peerReport = report;
        _peerShowMatches = header.Show == show;
    }

    /// <summary>A command from the standby's controls: played here, mirrored back.</summary>
    public void TakeCommand(in CommandPayload command)
    {
        if (engine.Commands.TryEnqueue(command.Command)) outbox.Queue(command.Command);
    }

    /// <summary>Whether this box yields to another live box: one with a higher term, or on equal terms the primary.</summary>
    public bool YieldsTo(in PacketHeader header) =>
        header.Term > facts.Term || (header.Term == facts.Term && header.SenderRole == BoxRole.Primary && facts.Role == BoxRole.Backup);

    public PeerView View(long now) =>
        new(_peerShowMatches, now - _peerReportAt < RedundancyNodeCore.LinkUpWithinNs && _peerReport.Following, _peerReport.OffsetFrames,
            "the standby box is not following");

    /// <summary>A backup that took over hands the show back at a stop, once the primary follows again with the same show.</summary>
    private bool HandsBack(HeardPosition heard, long now) =>
        facts.Role == BoxRole.Backup && heard.State == TransportState.Stopped
        && now - _peerReportAt < HandBackReportFreshNs && _peerReport.Following && _peerShowMatches;
}
