using StageBox.Control.Actions;
using StageBox.Control.Input;
using StageBox.Engine.Transport;

namespace StageBox.Control.Mapping;

/// <summary>
/// From line edges to stage actions: each footswitch line through its gesture decoder, the
/// encoder lines through the quadrature decoder, each gesture through the mapping to the
/// dispatcher. The edge's kernel timestamp travels with the command, so latency can be
/// measured from the stomp itself. Runs on the control thread; one instance per line request.
/// </summary>
public sealed class InputRouter
{
    private readonly ActionDispatcher _dispatcher;
    private readonly PositionSnapshot _position;
    private readonly ControlMapping _mapping;
    private readonly Footswitch?[] _switchesByLine;
    private readonly QuadratureDecoder? _encoder;
    private readonly List<FootswitchEvent> _gestures = new(8);
    private readonly List<EncoderStep> _steps = new(8);

    /// <summary>One footswitch: its decoder, its pedal's polarity, what it does, and whether the song played when it went down.</summary>
    private sealed class Footswitch(FootswitchDecoder decoder, PedalPolarity polarity, SwitchMapping actions)
    {
        public FootswitchDecoder Decoder { get; } = decoder;
        public PedalPolarity Polarity { get; } = polarity;
        public SwitchMapping Actions { get; } = actions;
        public bool PlayingWhenPressed { get; set; }
        public bool HeldLong { get; set; }

        /// <summary>
        /// A switch whose hold does something else acts on release, so that a hold is not also a
        /// tap; one whose hold does the same (play/stop) acts at the press itself, with no delay.
        /// </summary>
        public bool ActsOnRelease => Actions.LongPress is not null && Actions.LongPress != Actions.Press;
    }

    /// <param name="idleLevels">Each line's level at start-up, nothing pressed: it tells normally-open from normally-closed pedals.</param>
    public InputRouter(InputLayout layout, ControlMapping mapping, ActionDispatcher dispatcher, PositionSnapshot position, bool[] idleLevels, FootswitchSettings? settings = null, EncoderSettings? encoder = null)
    {
        _dispatcher = dispatcher;
        _position = position;
        _mapping = mapping;
        _switchesByLine = new Footswitch?[Math.Max(layout.LineCount, idleLevels.Length)];
        settings ??= new FootswitchSettings();
        foreach ((string name, int line) in layout.Footswitches)
        {
            SwitchMapping actions = mapping.Switches.TryGetValue(name, out SwitchMapping? mapped) ? mapped : new SwitchMapping();
            _switchesByLine[line] = NewSwitch(actions, idleLevels[line], settings);
        }
        if (layout.EncoderPush is int push) _switchesByLine[push] = NewSwitch(mapping.EncoderPush, idleLevels[push], settings);
        if (layout is { EncoderA: int a, EncoderB: int b })
            _encoder = new QuadratureDecoder(a, b, idleLevels[a], idleLevels[b], encoder ?? new EncoderSettings());
    }

    private static Footswitch NewSwitch(SwitchMapping actions, bool idleLevel, FootswitchSettings settings) =>
        new(new FootswitchDecoder(settings with { DoublePress = actions.DoublePress is not null }), PedalPolarity.Detect(idleLevel), actions);

    public long LostEvents => _switchesByLine.Sum(s => s?.Decoder.LostEvents ?? 0) + (_encoder?.LostEvents ?? 0);

    public void OnEdge(in LineEdge edge)
    {
        if (_switchesByLine[edge.Line] is Footswitch footswitch)
        {
            _gestures.Clear();
            footswitch.Decoder.OnEdge(footswitch.Polarity.Apply(edge), _gestures);
            Act(footswitch);
        }
        else if (_encoder is not null)
        {
            _steps.Clear();
            _encoder.OnEdge(edge, _steps);
            foreach (EncoderStep step in _steps) _dispatcher.Dispatch(_mapping.EncoderTurn, step.TimestampNanoseconds, amount: step.Detents);
        }
    }

    /// <summary>The timer: lets holds become long presses without a new edge.</summary>
    public void Tick(long nowNanoseconds)
    {
        foreach (Footswitch? footswitch in _switchesByLine)
        {
            if (footswitch is null) continue;
            _gestures.Clear();
            footswitch.Decoder.Tick(nowNanoseconds, _gestures);
            Act(footswitch);
        }
    }

    private void Act(Footswitch footswitch)
    {
        foreach (FootswitchEvent gesture in _gestures)
        {
            switch (gesture.Gesture)
            {
                case FootswitchGesture.Press:
                    footswitch.PlayingWhenPressed = _position.Read().State != TransportState.Stopped;
                    footswitch.HeldLong = false;
                    if (!footswitch.ActsOnRelease) Dispatch(footswitch.Actions.Press, gesture, longPress: false);
                    break;
                case FootswitchGesture.Release when footswitch.ActsOnRelease && !footswitch.HeldLong:
                    Dispatch(footswitch.Actions.Press, gesture, longPress: false);
                    break;
                // A hold that started the song must not stop it: only a hold begun while playing stops.
                case FootswitchGesture.LongPress when footswitch.Actions.LongPress == StageAction.PlayStop && !footswitch.PlayingWhenPressed:
                    break;
                case FootswitchGesture.LongPress:
                    footswitch.HeldLong = true;
                    Dispatch(footswitch.Actions.LongPress, gesture, longPress: true);
                    break;
                case FootswitchGesture.DoublePress:
                    Dispatch(footswitch.Actions.DoublePress, gesture, longPress: false);
                    break;
            }
        }
    }

    private void Dispatch(StageAction? action, FootswitchEvent gesture, bool longPress)
    {
        if (action is StageAction stageAction) _dispatcher.Dispatch(stageAction, gesture.TimestampNanoseconds, longPress);
    }
}
