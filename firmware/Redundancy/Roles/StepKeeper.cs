using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// Keeps a following box on the live box's frame: from each beat it works out how far its speaker
/// is from the live one's, steers its resampling ratio (<see cref="RateController"/>) while the two
/// are close, puts itself where the live box is (it is muted) when they are far apart or play
/// different songs, and corrects any other difference of transport state that outlasts a command on its way.
/// </summary>
internal sealed class StepKeeper
{
    /// <summary>A difference in transport state may be a command on its way or a jump a frame apart; past this it is corrected.</summary>
    private const long MismatchPatienceNs = 25_000_000;
    /// <summary>A correction shows in the heard position only a period or two later; none is repeated sooner.</summary>
    private const long CorrectionCooldownNs = 60_000_000;
    /// <summary>Further apart than this, the standby jumps (it is muted) rather than steering.</summary>
    private const double AlignBeyondSeconds = 0.002;
    private const long LockstepLogIntervalNs = 10_000_000_000;

    private readonly LockstepStage _stage;
    private readonly PlaybackEngine _engine;
    private readonly IPeerLink _link;
    private readonly Action<string> _log;
    private readonly double _framesPerNanosecond;
    private readonly RateController _controller;
    private long _mismatchSince;
    private long _lastCorrectionAt;
    private long _lastControlAt;
    private bool _offsetKnown;
    private double _worstOffsetInWindow;
    private long _nextLockstepLogAt;

    public StepKeeper(LockstepStage stage, PlaybackEngine engine, IPeerLink link, Action<string> log)
    {
        _stage = stage;
        _engine = engine;
        _link = link;
        _log = log;
        _framesPerNanosecond = engine.Format.SampleRate / 1e9;
        _controller = new RateController(engine.Format.SampleRate);
    }

    /// <summary>This box's speaker less the live box's, in frames, at the last beat both played one song.</summary>
    public double OffsetFrames { get; private set; }

    public void KeepInStep(in BeatPayload beat, long now)
    {
        HeardPosition mine = _stage.Heard.Read();
        bool peerPlaying = IsPlaying(beat.State);
        bool minePlaying = IsPlaying(mine.State);
        bool cooled = now - _lastCorrectionAt > CorrectionCooldownNs;
        _offsetKnown = false;
        if (peerPlaying && minePlaying && mine.SongIndex == beat.SongIndex)
        {
            double peerHeard = beat.HeardSongFrame + (mine.AtNanoseconds - _link.Clock.ToLocal(beat.HeardAt)) * _framesPerNanosecond;
            OffsetFrames = mine.SongFrame - peerHeard;
            _offsetKnown = true;
            _worstOffsetInWindow = Math.Max(_worstOffsetInWindow, Math.Abs(OffsetFrames));
            if (Math.Abs(OffsetFrames) > AlignBeyondSeconds * 1e9 * _framesPerNanosecond)
            {
                if (cooled) Align(beat, now, $"{OffsetFrames:+0;-0} frames apart");
            }
            else if (cooled)
            {
                _stage.Ratio = _controller.Update(OffsetFrames, _lastControlAt == 0 ? 0 : (now - _lastControlAt) / 1e9);
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

    /// <summary>Every <see cref="LockstepLogIntervalNs"/>, logs how closely the pair kept in step since the last time.</summary>
    public void LogLockstep(long now)
    {
        if (now < _nextLockstepLogAt) return;
        if (_nextLockstepLogAt != 0 && _offsetKnown)
            _log($"lockstep: offset {OffsetFrames:+0.00;-0.00} frames, worst {_worstOffsetInWindow:0.00} frames ({_worstOffsetInWindow / _framesPerNanosecond / 1e6:0.000} ms) over {LockstepLogIntervalNs / 1e9:0} s, rate {(_stage.Ratio - 1) * 1e6:+0.0;-0.0} ppm, link delay {_link.Clock.OneWayDelay / 1e6:0.000} ms");
        _worstOffsetInWindow = 0;
        _nextLockstepLogAt = now + LockstepLogIntervalNs;
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

    private static bool IsPlaying(TransportState state) => state is TransportState.Playing or TransportState.CountIn;
}
