using StageBox.Engine.Click;
using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Hal;

namespace StageBox.Engine.Transport;

/// <summary>
/// The transport and render loop of the audio thread. Each <see cref="RenderPeriod"/> applies
/// the queued commands, renders click, stems and cues into the mix, encodes it for the device
/// and publishes the position. A period is split wherever something happens inside it (a
/// quantized jump, the end of a song, the end of a stop fade), so each takes effect on its
/// exact frame. After construction nothing here allocates, locks or blocks. A new setlist
/// (<see cref="OfferSetlist"/>) is taken over while stopped or between two songs, never mid-song.
/// </summary>
public sealed class PlaybackEngine
{
    /// <summary>Length of the stop fade: long enough to be click-free, short enough to feel instant.</summary>
    public const double StopFadeSeconds = 0.010;

    /// <summary>Stems crossfade over this many frames at a jump, so the cut never clicks.</summary>
    public const int JumpCrossfadeFrames = 256;

    private SetlistSlot[] _setlist;
    private SetlistChange? _offered;
    private readonly MixBus _bus;
    private readonly PcmEncoder _encoder;
    private readonly ClickPlayer _click;
    private readonly int _stopFadeFrames;

    private TransportState _state = TransportState.Stopped;
    private int _songIndex;
    private int _nextSongIndex;
    private long _frame;
    private long _cuedFrame;
    private bool _jumpPending;
    private long _jumpAt;
    private long _jumpTo;
    private int _stopFadeLeft;
    private long _crossfadeFrom;
    private int _crossfadeLeft;
    private long _framesRendered;
    private long _periods;
    private int _loopedSection = -1;
    private double _clickTrimDb;
    private float _clickTrim = 1;
    private bool _clickMuted;
    private long _missingFrames;

    /// <summary>How far the click level can be moved from the song's own.</summary>
    public const double MinClickTrimDb = -40, MaxClickTrimDb = 12;

    public PlaybackEngine(IReadOnlyList<SetlistSlot> setlist, PcmFormat format, int periodFrames)
    {
        _setlist = Playable(setlist, format);
        Format = format;
        PeriodFrames = periodFrames;
        // Room for any clip of this setlist, and for one as wide as the device in a setlist offered later.
        _bus = new MixBus(format.Channels, periodFrames, scratchChannels: Math.Max(WidestClip(_setlist), format.Channels));
        _encoder = new PcmEncoder(format, periodFrames);
        _click = new ClickPlayer(periodFrames);
        _stopFadeFrames = (int)(StopFadeSeconds * format.SampleRate);
        CueSong(0);
        PublishPosition();
    }

    public PcmFormat Format { get; }
    public int PeriodFrames { get; }
    public int PeriodBytes => PeriodFrames * Format.BytesPerFrame;
    public CommandQueue Commands { get; } = new();
    public PositionSnapshot Position { get; } = new();
    /// <summary>The running order now; it changes (on the audio thread) when an offered setlist is taken over.</summary>
    public IReadOnlyList<SetlistSlot> Setlist => Volatile.Read(ref _setlist);

    /// <summary>
    /// Hands the engine a new running order, checked against the device here, off the audio
    /// thread. The audio thread takes it over at the first period while the transport is
    /// stopped, or, while playing, where the current song ends: the set goes on with the song
    /// that was to come, where the new order has it (see <see cref="SetlistChange"/>). An offer
    /// not yet taken is replaced by a later one. The position snapshot carries the setlist it
    /// describes, so readers see the change in the same period it happens.
    /// </summary>
    /// <returns>The change offered: its <see cref="SetlistChange.To"/> is the running order positions carry once it is taken over.</returns>
    /// <exception cref="ArgumentException">The setlist is empty, a song does not fit the device, or a clip is wider than the mix bus was built for.</exception>
    public SetlistChange OfferSetlist(IReadOnlyList<SetlistSlot> setlist)
    {
        SetlistSlot[] playable = Playable(setlist, Format);
        if (WidestClip(playable) > _bus.ScratchChannels)
            throw new ArgumentException($"a stem has {WidestClip(playable)} channels, more than the {_bus.ScratchChannels} this running box mixes; restart the box to play it");
        var change = new SetlistChange(Volatile.Read(ref _setlist), playable);
        Volatile.Write(ref _offered, change);
        return change;
    }

    /// <summary>True while an offered setlist waits to be taken over.</summary>
    public bool SetlistOffered => OfferedSetlist is not null;

    /// <summary>The offered setlist waiting to be taken over, or null.</summary>
    public SetlistChange? OfferedSetlist => Volatile.Read(ref _offered);

    private static int WidestClip(SetlistSlot[] setlist) =>
        setlist.SelectMany(slot => slot.Song.Clips).Select(clip => clip.Audio.ChannelCount).DefaultIfEmpty(0).Max();

    private static SetlistSlot[] Playable(IReadOnlyList<SetlistSlot> setlist, PcmFormat format)
    {
        if (setlist.Count == 0) throw new ArgumentException("the setlist is empty", nameof(setlist));
        foreach (SetlistSlot slot in setlist)
        {
            if (slot.Song.SampleRate != format.SampleRate)
                throw new ArgumentException($"song '{slot.Song.Id}' is prepared at {slot.Song.SampleRate} Hz but the device runs at {format.SampleRate} Hz");
            int highest = slot.Song.UsedOutputs.DefaultIfEmpty(0).Max();
            if (highest >= format.Channels)
                throw new ArgumentException($"song '{slot.Song.Id}' sends audio to output {highest + 1} but the device has {format.Channels}");
        }
        return setlist.ToArray();
    }

    private PreparedSong Song => _setlist[_songIndex].Song;

    /// <summary>Renders one period into <paramref name="destination"/> (<see cref="PeriodBytes"/> long).</summary>
    public void RenderPeriod(Span<byte> destination) => _encoder.Encode(RenderMix(), PeriodFrames, destination);

    /// <summary>
    /// Renders one period and returns the mix, one float channel per output, valid until the next
    /// call: for the stages that work on the mix before it is encoded (see <see cref="MixChain"/>).
    /// </summary>
    public MixBus RenderMix()
    {
        // Before the commands, so a Play in this period starts the new show's cued song.
        if (_state == TransportState.Stopped) TakeOfferedSetlistWhileStopped();
        ApplyCommands();
        _bus.Clear();
        int offset = 0;
        while (offset < PeriodFrames && _state != TransportState.Stopped)
        {
            long boundary = _jumpPending ? Math.Min(_jumpAt, Song.EndFrame) : Song.EndFrame;
            int frames = (int)Math.Min(PeriodFrames - offset, boundary - _frame);
            if (_state == TransportState.Stopping) frames = Math.Min(frames, _stopFadeLeft);
            if (frames > 0)
            {
                RenderBlock(offset, frames);
                offset += frames;
                _frame += frames;
            }
            if (_state == TransportState.Stopping && _stopFadeLeft == 0) FinishStop();
            else if (_jumpPending && _frame >= _jumpAt) Jump();
            else if (_frame >= Song.EndFrame) EndSong();
        }
        _framesRendered += PeriodFrames;
        _periods++;
        PublishPosition();
        return _bus;
    }

    private void RenderBlock(int offset, int frames)
    {
        PreparedSong song = Song;
        if (_crossfadeLeft > 0)
        {
            int fading = Math.Min(frames, _crossfadeLeft);
            float faded = (float)(JumpCrossfadeFrames - _crossfadeLeft) / JumpCrossfadeFrames;
            const float step = 1f / JumpCrossfadeFrames;
            _missingFrames += ClipMixer.Mix(song.Clips, _crossfadeFrom, fading, _bus, offset, 1 - faded, -step);
            _missingFrames += ClipMixer.Mix(song.Clips, _frame, fading, _bus, offset, faded, step);
            _missingFrames += ClipMixer.Mix(song.Clips, _frame + fading, frames - fading, _bus, offset + fading);
            _crossfadeLeft -= fading;
            _crossfadeFrom += fading;
        }
        else
        {
            _missingFrames += ClipMixer.Mix(song.Clips, _frame, frames, _bus, offset);
        }
        _click.Render(song, _frame, frames, _bus, offset, _clickMuted ? 0 : _clickTrim);
        if (_state == TransportState.Stopping)
        {
            float step = 1f / _stopFadeFrames;
            _bus.ApplyRamp(offset, frames, _stopFadeLeft * step, -step);
            _stopFadeLeft -= frames;
        }
    }

    /// <summary>
    /// The control timestamp (CLOCK_MONOTONIC, ns) of the latest timestamped command the last
    /// period applied, 0 when none: that period holds the first frame the command changed.
    /// </summary>
    public long LastPeriodCommandIssuedAt { get; private set; }

    private void ApplyCommands()
    {
        LastPeriodCommandIssuedAt = 0;
        while (Commands.TryDequeue(out TransportCommand command))
        {
            LastPeriodCommandIssuedAt = Math.Max(LastPeriodCommandIssuedAt, command.IssuedAtNanoseconds);
            switch (command.Kind)
            {
                case CommandKind.Play when _state == TransportState.Stopped:
                    StartAt(_cuedFrame);
                    break;
                case CommandKind.Stop when _state != TransportState.Stopped:
                    if (_state != TransportState.Stopping) BeginStop();
                    break;
                case CommandKind.Stop:
                    _cuedFrame = Song.StartFrame;
                    break;
                case CommandKind.LocateBar:
                    _loopedSection = -1;
                    Locate(Song.FrameAtBar(command.Argument), command.Quantize);
                    break;
                case CommandKind.LocateSection when command.Argument >= 0 && command.Argument < Song.Sections.Length:
                    _loopedSection = -1;
                    Locate(Song.SectionFrames[command.Argument], command.Quantize);
                    break;
                case CommandKind.NextSection:
                case CommandKind.PreviousSection:
                    _loopedSection = -1;
                    LocateSectionFromHere(command.Kind == CommandKind.NextSection ? 1 : -1, command.Quantize);
                    break;
                case CommandKind.MoveSongCursor:
                    MoveCursor(CursorIndex + command.Argument);
                    break;
                case CommandKind.SelectSong:
                    MoveCursor(command.Argument);
                    break;
                case CommandKind.ClickLevel:
                    _clickTrimDb = Math.Clamp(_clickTrimDb + command.Argument / 10.0, MinClickTrimDb, MaxClickTrimDb);
                    _clickTrim = Decibels.ToGain(_clickTrimDb);
                    break;
                case CommandKind.ToggleClickMute:
                    _clickMuted = !_clickMuted;
                    break;
                case CommandKind.ToggleSectionLoop when _loopedSection >= 0:
                    _loopedSection = -1;
                    _jumpPending = false;
                    break;
                case CommandKind.ToggleSectionLoop when _state == TransportState.Playing && Song.SectionAt(Math.Max(0, _frame)) >= 0:
                    _loopedSection = Song.SectionAt(Math.Max(0, _frame));
                    ArmSectionLoop();
                    break;
                case CommandKind.Follow when command.Argument >= 0 && command.Argument < _setlist.Length:
                    CueSong(command.Argument);
                    StartAt(Math.Clamp(command.Frame, Song.StartFrame, Song.EndFrame - 1));
                    break;
            }
        }
    }

    /// <summary>The setlist cursor: the cued song while stopped, the song that follows while playing.</summary>
    private int CursorIndex => _state == TransportState.Stopped ? _songIndex : _nextSongIndex;

    private void MoveCursor(int index)
    {
        index = Math.Clamp(index, 0, _setlist.Length - 1);
        if (_state == TransportState.Stopped) CueSong(index);
        else _nextSongIndex = index;
    }

    private void CueSong(int index)
    {
        _songIndex = index;
        _nextSongIndex = index + 1;
        _cuedFrame = Song.StartFrame;
    }

    private void StartAt(long frame)
    {
        _loopedSection = -1;
        _state = TransportState.Playing;
        _frame = frame;
        _jumpPending = false;
        _crossfadeLeft = 0;
        _click.Locate(Song, frame);
    }

    private void BeginStop()
    {
        _loopedSection = -1;
        _state = TransportState.Stopping;
        _stopFadeLeft = _stopFadeFrames;
        _jumpPending = false;
    }

    private void FinishStop()
    {
        _state = TransportState.Stopped;
        _click.Silence();
        _crossfadeLeft = 0;
        _cuedFrame = Song.StartFrame;
    }

    private void LocateSectionFromHere(int direction, Quantize quantize)
    {
        // The count-in belongs to the first section: "next" from the top goes to the second.
        long here = Math.Max(0, _state == TransportState.Stopped ? _cuedFrame : _frame);
        int section = Song.SectionAt(here) + direction;
        if (section < 0) Locate(0, quantize);
        else if (section < Song.Sections.Length) Locate(Song.SectionFrames[section], quantize);
    }

    /// <summary>Stopped: cue the frame. Playing: schedule a jump there at the quantized moment.</summary>
    private void Locate(long target, Quantize quantize)
    {
        target = Math.Clamp(target, 0, Song.EndFrame - 1);
        if (_state == TransportState.Stopped)
        {
            _cuedFrame = Song.PlayFromFrame(target);
            return;
        }
        if (_state == TransportState.Stopping) return;
        _jumpTo = target;
        _jumpAt = quantize switch
        {
            Quantize.NextBar => Song.Beats.NextBarLine(_frame, Song.EndFrame),
            Quantize.EndOfSection => EndOfSectionAt(_frame),
            _ => _frame,
        };
        _jumpPending = true;
    }

    private long EndOfSectionAt(long frame)
    {
        int next = Song.SectionAt(frame) + 1;
        return next < Song.Sections.Length ? Song.SectionFrames[next] : Song.EndFrame;
    }

    private void Jump()
    {
        _jumpPending = false;
        _crossfadeFrom = _frame;
        _crossfadeLeft = JumpCrossfadeFrames;
        _frame = _jumpTo;
        _click.Locate(Song, _frame);
        if (_loopedSection >= 0) ArmSectionLoop();
    }

    /// <summary>Schedules the looped section's next round: at its end, back to its start.</summary>
    private void ArmSectionLoop()
    {
        _jumpTo = Song.SectionFrames[_loopedSection];
        _jumpAt = _loopedSection + 1 < Song.Sections.Length ? Song.SectionFrames[_loopedSection + 1] : Song.EndFrame;
        _jumpPending = true;
    }

    private void EndSong()
    {
        SongEnd end = _setlist[_songIndex].End;
        int next = _nextSongIndex;
        // Between two songs a new setlist waiting takes over, and the set goes on where it lands.
        if (TakeOfferedSetlist(next, out int landing))
        {
            next = landing;
            if (next < 0)
            {
                StopAndCue(0);
                return;
            }
        }
        else if (next >= _setlist.Length)
        {
            StopAndCue(_songIndex);
            return;
        }
        if (end == SongEnd.Stop)
        {
            StopAndCue(next);
            return;
        }
        CueSong(next);
        StartAt(end == SongEnd.Segue ? 0 : Song.StartFrame);
    }

    private void StopAndCue(int index)
    {
        _state = TransportState.Stopped;
        _click.Silence();
        CueSong(index);
    }

    /// <summary>Stopped: a new setlist waiting takes over at once, the cue on the song that was cued, where the new order has it.</summary>
    private void TakeOfferedSetlistWhileStopped()
    {
        if (TakeOfferedSetlist(_songIndex, out int landing)) CueSong(Math.Max(0, landing));
    }

    /// <summary>
    /// Takes the offered setlist, if one waits, as the running order; <paramref name="landing"/>
    /// is where place <paramref name="oldIndex"/> of the old order lands in it (-1: nowhere).
    /// Lock-free: an offer replaced meanwhile is taken on the next try. An offer worked out
    /// against an order that has since changed (two offers racing one take-over) lands nowhere,
    /// so the caller falls back to the top of the new order.
    /// Ordering: the change and its arrays are built before the offer's release write, and read
    /// here after an acquire read; the compare-exchange (a full fence) takes each offer once,
    /// and an offer made meanwhile stays in <c>_offered</c> for the next period.
    /// </summary>
    private bool TakeOfferedSetlist(int oldIndex, out int landing)
    {
        landing = -1;
        while (Volatile.Read(ref _offered) is SetlistChange change)
        {
            if (Interlocked.CompareExchange(ref _offered, null, change) != change) continue;
            if (change.From == _setlist) landing = change.LandingOf(oldIndex);
            Volatile.Write(ref _setlist, change.To);
            return true;
        }
        return false;
    }

    private void PublishPosition()
    {
        PreparedSong song = Song;
        long frame = _state == TransportState.Stopped ? _cuedFrame : _frame;
        int beat = Math.Max(0, song.Beats.BeatAt(frame));
        TransportState state = _state == TransportState.Playing && frame < 0 ? TransportState.CountIn : _state;
        Position.Publish(new PlaybackPosition(
            state, _songIndex, _nextSongIndex, frame,
            song.Beats.Bars[beat], song.Beats.Beats[beat], song.Beats.Meters[beat].Numerator, song.Beats.Meters[beat].Denominator,
            song.SectionAt(frame), song.Beats.Tempos[beat], song.EndFrame - frame, _framesRendered, _periods)
        {
            SegueArmed = _setlist[_songIndex].End == SongEnd.Segue && _nextSongIndex < _setlist.Length,
            LoopedSection = _loopedSection,
            ClickTrimDb = _clickTrimDb,
            ClickMuted = _clickMuted,
            MissingStemFrames = _missingFrames,
            Setlist = _setlist,
        });
    }
}
