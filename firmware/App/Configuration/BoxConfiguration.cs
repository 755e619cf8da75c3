using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Redundancy;
using StageBox.Show;

namespace StageBox.App.Configuration;

/// <summary>
/// The device configuration (/etc/stagebox/stagebox.yaml, and the box's own
/// /var/lib/stagebox/stagebox.yaml over it: see <see cref="ConfigurationLoader"/>). Every field has
/// a default, so the box runs without either file.
/// </summary>
public sealed class BoxConfiguration
{
    public const string DefaultPath = "/etc/stagebox/stagebox.yaml";

    /// <summary>The box's own settings, on the data partition (the service's StateDirectory), field by field over <see cref="DefaultPath"/>'s.</summary>
    public const string BoxPath = "/var/lib/stagebox/stagebox.yaml";

    public AudioSettings Audio { get; set; } = new();
    public ShowSettings Show { get; set; } = new();
    public ControlSettings Controls { get; set; } = new();
    public DisplaySettings Display { get; set; } = new();
    public RedundancySettings Redundancy { get; set; } = new();
}

/// <summary>
/// The ILI9341 stage screen on SPI: the spidev bus and chip select, the clock, and the GPIO
/// lines for its D/C and reset pins. Without a chip there is no panel (the simulated box uses its emulator).
/// </summary>
public sealed class DisplaySettings
{
    /// <summary>The GPIO chip of the D/C and reset lines, by label or path; empty: no panel.</summary>
    public string Chip { get; set; } = "";
    public int SpiBus { get; set; }
    public int ChipSelect { get; set; }
    /// <summary>SPI clock: the ILI9341 is specified to 10 MHz for writes but takes 32 MHz and more on short wiring.</summary>
    public int ClockHz { get; set; } = 32_000_000;
    /// <summary>Line offsets on the chip (the Pi's usual wiring: GPIO 24 and 25).</summary>
    public int DataCommand { get; set; } = 24;
    public int Reset { get; set; } = 25;
    public PanelRotation Rotation { get; set; } = PanelRotation.Landscape;
    /// <summary>Frames per second the UI thread draws at most (20 to 30).</summary>
    public int FramesPerSecond { get; set; } = 25;
}

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

public sealed class AudioSettings
{
    /// <summary>ALSA PCM name of the interface (hw:1,0, plughw:..., default).</summary>
    public string Device { get; set; } = "default";
    public int Rate { get; set; } = 48_000;
    public int PeriodFrames { get; set; } = 256;
    public int BufferFrames { get; set; } = 1024;
    public int Channels { get; set; } = 8;
    /// <summary>SCHED_FIFO priority of the audio thread (1-99), the only real-time thread.</summary>
    public int RealtimePriority { get; set; } = 80;

    /// <summary>CPU to pin the audio thread to; -1 leaves it to the scheduler.</summary>
    public int Cpu { get; set; } = -1;

    /// <summary>Lock the process's memory (as it is touched) so a page fault never stalls the audio.</summary>
    public bool LockMemory { get; set; } = true;

    /// <summary>The sample format wanted; when the device does not take it, the best it does (float, then 32, 24 and 16 bit).</summary>
    public SampleFormat Format { get; set; } = SampleFormat.Float32;

    public PcmFormat PcmFormat => new(Rate, Channels, Format);

    /// <summary>Formats to offer the device, the configured one first.</summary>
    public IReadOnlyList<SampleFormat> FormatPreference =>
        new[] { Format, SampleFormat.Float32, SampleFormat.S32, SampleFormat.S24_3LE, SampleFormat.S16 }.Distinct().ToArray();
}
