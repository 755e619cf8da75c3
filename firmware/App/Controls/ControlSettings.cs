using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal.Gpio;

namespace StageBox.App.Controls;

/// <summary>
/// The floor unit on GPIO: the chip, the line offset of each footswitch and of the encoder,
/// how the lines are wired, and the stage-safety rule. Without a chip there are no GPIO controls.
/// </summary>
public sealed class ControlSettings
{
    /// <summary>The GPIO chip by label (as gpioinfo shows it) or path (/dev/gpiochipN); empty: none.</summary>
    public string Chip { get; set; } = "";
    public int Left { get; set; } = 0;
    public int Middle { get; set; } = 1;
    public int Right { get; set; } = 2;
    public int EncoderA { get; set; } = 3;
    public int EncoderB { get; set; } = 4;
    public int EncoderPush { get; set; } = 5;
    /// <summary>Switches to ground with the SoC's pull-ups, the usual floor-unit wiring: active-low.</summary>
    public GpioBias Bias { get; set; } = GpioBias.PullUp;
    public bool ActiveLow { get; set; } = true;
    /// <summary>The kernel's debounce, on top of the gesture decoder's own.</summary>
    public int DebounceUs { get; set; } = 5000;
    public int LongPressMs { get; set; } = 600;
    /// <summary>While a song plays, stopping it takes a long press.</summary>
    public bool StopNeedsLongPress { get; set; } = true;

    /// <summary>What each switch does (left, middle, right, encoder_push), over the 3-switch defaults.</summary>
    public Dictionary<string, SwitchActions> Actions { get; set; } = [];

    /// <summary>Gray-code steps per detent of the encoder: 4 for most mechanical ones, 2 or 1 for others.</summary>
    public int EncoderStepsPerDetent { get; set; } = 4;

    /// <summary>Fast turns move further per detent.</summary>
    public bool EncoderAcceleration { get; set; }

    /// <summary>What turning the encoder does.</summary>
    public StageAction EncoderTurn { get; set; } = StageAction.BrowseSongs;

    /// <summary>The lines in request order, matching <c>InputLayout.ThreeSwitchFloorUnit</c>'s indexes.</summary>
    public int[] LineOffsets => [Left, Middle, Right, EncoderA, EncoderB, EncoderPush];

    /// <summary>The mapping: the 3-switch floor unit's, with what the configuration says instead.</summary>
    public ControlMapping Mapping
    {
        get
        {
            ControlMapping defaults = ControlMapping.ThreeSwitchFloorUnit;
            var switches = new Dictionary<string, SwitchMapping>(defaults.Switches);
            foreach ((string name, SwitchActions actions) in Actions.Where(a => a.Key != EncoderPushName)) switches[name] = actions.Mapping;
            SwitchMapping push = Actions.TryGetValue(EncoderPushName, out SwitchActions? pushActions) ? pushActions.Mapping : defaults.EncoderPush;
            return new ControlMapping(switches, EncoderTurn, push, StopNeedsLongPress);
        }
    }

    public const string EncoderPushName = "encoder_push";
}

/// <summary>A switch's actions by gesture, as the configuration names them (PlayStop, NextSong, Panic...).</summary>
public sealed class SwitchActions
{
    public StageAction? Press { get; set; }
    public StageAction? LongPress { get; set; }
    public StageAction? DoublePress { get; set; }

    public SwitchMapping Mapping => new(Press, LongPress, DoublePress);
}
