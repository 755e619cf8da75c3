using StageBox.Engine.Mixing;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Display;

namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// The audio thread's part of redundancy, between the mix chain and the device of either box of a
/// pair. Every period it renders the chain's mixes through a <see cref="VariableRateResampler"/> at the ratio the
/// redundancy thread steers, puts the engine where the live peer is when asked to (an
/// <see cref="Alignment"/>), mutes or opens the output through an <see cref="OutputGate"/>,
/// toggles the watchdog line while this box is live, and after each write publishes the
/// <see cref="HeardPosition"/>. Lock-free both ways; nothing here allocates, locks or blocks.
/// </summary>
/// <remarks>
/// A takeover does not wait for the device's buffer of muted frames to play out: the stage
/// keeps the last buffer's worth of its output as it would have sounded, takes back what the
/// device has queued (all but <see cref="RewriteMarginPeriods"/> period, which the hardware may
/// already be fetching) and writes it again unmuted, fading in over its first frames. The
/// audience hears the standby that much sooner: the gap is the detection time plus that margin,
/// whatever the buffer size.
///
/// Threads: the redundancy thread says what the box is to be (<see cref="GoLive"/>,
/// <see cref="StandBy"/>) with one volatile write of <c>_wanted</c>; the audio thread reads it once
/// per period and alone acts on it (the gate, the watchdog line, a takeover's rewrite), so a stand-by
/// said while a takeover is being played is never overwritten by it: the latest wish is applied,
/// at the latest one period later. The steered ratio is one volatile double (atomic on 64-bit);
/// an <see cref="Alignment"/> and the <see cref="Heard"/> position cross in seqlocks.
/// </remarks>
public sealed class LockstepStage : IPeriodStage
{
    /// <summary>A takeover fades in over this long: short enough to keep the gap small, long enough not to click.</summary>
    public const double FadeSeconds = 0.003;

    /// <summary>Queued periods a takeover leaves as they are: the device may already be playing into them.</summary>
    public const int RewriteMarginPeriods = 1;

    private readonly VariableRateResampler _resampler;
    private readonly MixBus _out;
    private readonly PcmEncoder _encoder;
    private readonly float[][] _history;
    private int _historyEnd;
    private int _historyFrames;
    private readonly MixBus _rewrite;
    private readonly PcmEncoder _rewriteEncoder;
    private readonly byte[] _rewriteBytes;
    private readonly int _bytesPerFrame;
    private readonly OutputGate _gate;
    private readonly IDigitalOutput? _watchdogLine;
    private readonly Seqlock<Alignment> _alignment = new();
    private readonly double _framesPerNanosecond;
    private int _alignmentsTaken;
    private double _ratio = 1;
    private bool _watchdogLevel;
    private long _livePeriods;
    private volatile Role _wanted;
    private Role _applied;
    private long _lastDelayFrames;
    private long _lastWrittenAt;
    private PlaybackPosition _rendered;

    /// <param name="outputOpen">Whether the output sounds before the box goes live: a standby feeding an external switcher sounds, a muted one does not.</param>
    /// <param name="watchdogLine">Toggled every period while this box is live, for the peer to watch; null: none wired.</param>
    /// <param name="bufferFrames">The device's buffer: the most a takeover can rewrite.</param>
    public LockstepStage(PcmFormat format, int periodFrames, int bufferFrames, bool outputOpen, IDigitalOutput? watchdogLine)
    {
        _history = new float[format.Channels][];
        for (int c = 0; c < format.Channels; c++) _history[c] = new float[bufferFrames + periodFrames];
        _rewrite = new MixBus(format.Channels, bufferFrames);
        _rewriteEncoder = new PcmEncoder(format, bufferFrames);
        _rewriteBytes = new byte[bufferFrames * format.BytesPerFrame];
        _bytesPerFrame = format.BytesPerFrame;
        _resampler = new VariableRateResampler(format.Channels, 4 * periodFrames);
        _out = new MixBus(format.Channels, periodFrames);
        _encoder = new PcmEncoder(format, periodFrames);
        _gate = new OutputGate((int)(FadeSeconds * format.SampleRate), outputOpen);
        _wanted = _applied = outputOpen ? Role.StandByOpen : Role.StandByMuted;
        _watchdogLine = watchdogLine;
        _framesPerNanosecond = format.SampleRate / 1e9;
    }

    /// <summary>Published after every write, read by the redundancy thread.</summary>
    public Seqlock<HeardPosition> Heard { get; } = new();

    /// <summary>
    /// Periods played live (each one toggled the watchdog line, when one is wired): the redundancy
    /// thread sends a live beat only once this has moved since the box went live.
    /// </summary>
    public long LivePeriods => Volatile.Read(ref _livePeriods);

    /// <summary>Engine frames per device frame, near 1: set by the redundancy thread, taken at the next period.</summary>
    public double Ratio
    {
        get => Volatile.Read(ref _ratio);
        set => Volatile.Write(ref _ratio, value);
    }

    /// <summary>This box becomes the one the audience hears: its output fades in and its watchdog line starts toggling.</summary>
    public void GoLive() => _wanted = Role.Live;

    /// <summary>This box stands by: its watchdog line stops, and its output fades out unless it feeds an external switcher.</summary>
    public void StandBy(bool keepOutputOpen) => _wanted = keepOutputOpen ? Role.StandByOpen : Role.StandByMuted;

    /// <summary>Asks the audio thread to put the engine where the peer is, at its next period.</summary>
    public void Align(in Alignment alignment) => _alignment.Publish(alignment);

    public void Render(MixChain mixes, IPcmOutput output, Span<byte> period)
    {
        PlaybackEngine engine = mixes.Engine;
        int frames = engine.PeriodFrames;
        if (_alignment.Published != _alignmentsTaken) TakeAlignment(engine);
        double ratio = Volatile.Read(ref _ratio);
        while (!_resampler.CanProduce(frames, ratio))
        {
            _resampler.Append(mixes.RenderMix());
            _rendered = engine.Position.Read();
        }
        _resampler.Produce(_out, frames, ratio);
        Remember(frames);
        Role wanted = _wanted;
        if (wanted != _applied)
        {
            if (wanted == Role.Live && (_gate.IsOpen || !RewriteQueued(output, frames))) _gate.Open();
            if (wanted == Role.StandByMuted) _gate.Close();
            _applied = wanted;
        }
        _gate.Apply(_out, frames);
        _encoder.Encode(_out, frames, period);
        if (_applied == Role.Live)
        {
            if (_watchdogLine is not null)
            {
                _watchdogLevel = !_watchdogLevel;
                _watchdogLine.Set(_watchdogLevel);
            }
            Volatile.Write(ref _livePeriods, _livePeriods + 1);
        }
    }

    public void Written(long delayFrames, long atNanoseconds)
    {
        _lastDelayFrames = delayFrames;
        _lastWrittenAt = atNanoseconds;
        double ratio = Volatile.Read(ref _ratio);
        double heard = _rendered.SongFrame - _resampler.PendingFrames - delayFrames * ratio;
        Heard.Publish(new HeardPosition(atNanoseconds, heard, _rendered));
    }

    /// <summary>Keeps the period as it sounds ungated, the latest buffer's worth, for a takeover to rewrite.</summary>
    private void Remember(int frames)
    {
        int capacity = _history[0].Length;
        for (int c = 0; c < _history.Length; c++)
        {
            ReadOnlySpan<float> samples = _out.Channel(c)[..frames];
            int first = Math.Min(frames, capacity - _historyEnd);
            samples[..first].CopyTo(_history[c].AsSpan(_historyEnd));
            samples[first..].CopyTo(_history[c]);
        }
        _historyEnd = (_historyEnd + frames) % capacity;
        _historyFrames = Math.Min(capacity, _historyFrames + frames);
    }

    /// <summary>
    /// Takes back the muted frames the device has queued (less the margin) and writes them again
    /// as they sound, fading in; then the gate is open. False when the device takes nothing back.
    /// The frames are made ready before the rewind: once the device has given its queue back it
    /// holds only the margin, which a slow encode of a long buffer would outlast (an xrun).
    /// </summary>
    private bool RewriteQueued(IPcmOutput output, int periodFrames)
    {
        long wanted = Math.Min(output.RewindableFrames - RewriteMarginPeriods * periodFrames, _historyFrames - periodFrames);
        wanted = Math.Min(wanted, _rewrite.Frames);
        if (wanted <= 0) return false;
        Span<byte> bytes = Rewrite((int)wanted, periodFrames);
        int rewound = (int)output.Rewind(wanted);
        if (rewound <= 0) return false;
        // The device played on between the two calls and gave back less: fewer frames, made again.
        if (rewound < wanted) bytes = Rewrite(rewound, periodFrames);
        output.Write(bytes);
        _gate.OpenAtOnce();
        return true;
    }

    /// <summary>The <paramref name="frames"/> frames just before this period as they sound, fading in, encoded.</summary>
    private Span<byte> Rewrite(int frames, int periodFrames)
    {
        int capacity = _history[0].Length;
        int start = ((_historyEnd - periodFrames - frames) % capacity + capacity) % capacity;
        for (int c = 0; c < _history.Length; c++)
        {
            Span<float> destination = _rewrite.Channel(c, 0, frames);
            int first = Math.Min(frames, capacity - start);
            _history[c].AsSpan(start, first).CopyTo(destination);
            _history[c].AsSpan(0, frames - first).CopyTo(destination[first..]);
        }
        int fade = Math.Min(frames, (int)(FadeSeconds * _framesPerNanosecond * 1e9));
        _rewrite.ApplyRamp(0, fade, 0, 1f / fade);
        Span<byte> bytes = _rewriteBytes.AsSpan(0, frames * _bytesPerFrame);
        _rewriteEncoder.Encode(_rewrite, frames, bytes);
        return bytes;
    }

    /// <summary>
    /// The next frame the resampler emits is heard once what the device holds now has played;
    /// the engine starts there, on the peer's timeline, with the resampler emptied.
    /// </summary>
    private void TakeAlignment(PlaybackEngine engine)
    {
        _alignmentsTaken = _alignment.Published;
        Alignment target = _alignment.Read();
        long now = MonotonicClock.NowNanoseconds();
        double queued = Math.Max(0, _lastDelayFrames - (now - _lastWrittenAt) * _framesPerNanosecond);
        double heardAt = now + queued / _framesPerNanosecond;
        long frame = (long)Math.Round(target.SongFrame + (heardAt - target.AtNanoseconds) * _framesPerNanosecond);
        _resampler.Reset();
        engine.Commands.TryEnqueue(TransportCommand.Follow(target.SongIndex, frame));
    }

    /// <summary>What the redundancy thread wants this box to be; a stand-by that keeps its output open feeds an external switcher.</summary>
    private enum Role
    {
        StandByMuted,
        StandByOpen,
        Live,
    }
}
