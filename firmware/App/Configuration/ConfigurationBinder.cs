using System.Globalization;
using StageBox.Control.Actions;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Redundancy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StageBox.App.Configuration;

/// <summary>A configuration typed from its YAML tree, and the fields written with nothing after their colon ("audio.device: no value given ...").</summary>
internal sealed record BoundConfiguration(BoxConfiguration Configuration, IReadOnlyList<string> Unwritten);

/// <summary>
/// Types a stagebox.yaml tree into a <see cref="BoxConfiguration"/>, field by field from the tables
/// below: no reflection, so the firmware also builds as Native AOT. A wrong value, an unknown field
/// or a section that is not one throws a <see cref="YamlException"/> at the node; a section or
/// field with no value is collected as unwritten, to be placed at the file that leaves it so
/// (two files merged are typed as one tree).
/// </summary>
internal static class ConfigurationBinder
{
    /// <summary>One field of a section: its name in the file and how its value (never empty) is set.</summary>
    private sealed record Field<T>(string Name, Action<T, YamlNode> Set);

    private sealed record Section<T>(string Name, IReadOnlyList<Field<T>> Fields)
    {
        public string FieldNames => string.Join(", ", Fields.Select(f => f.Name));
    }

    private static readonly Section<AudioSettings> Audio = new("audio",
    [
        Text<AudioSettings>("device", (s, v) => s.Device = v),
        Whole<AudioSettings>("rate", (s, v) => s.Rate = v),
        Whole<AudioSettings>("period_frames", (s, v) => s.PeriodFrames = v),
        Whole<AudioSettings>("buffer_frames", (s, v) => s.BufferFrames = v),
        Whole<AudioSettings>("channels", (s, v) => s.Channels = v),
        Whole<AudioSettings>("realtime_priority", (s, v) => s.RealtimePriority = v),
        Whole<AudioSettings>("cpu", (s, v) => s.Cpu = v),
        Flag<AudioSettings>("lock_memory", (s, v) => s.LockMemory = v),
        Choice<AudioSettings, SampleFormat>("audio.format", "format", (s, v) => s.Format = v),
    ]);

    private static readonly Section<ShowSettings> Show = new("show",
    [
        Text<ShowSettings>("folder", (s, v) => s.Folder = v),
        Text<ShowSettings>("setlist", (s, v) => s.Setlist = v),
        Text<ShowSettings>("library", (s, v) => s.Library = v),
        Text<ShowSettings>("media_root", (s, v) => s.MediaRoot = v),
    ]);

    private static readonly Section<SwitchActions> Switch = new("actions",
    [
        Choice<SwitchActions, StageAction>("actions", "press", (s, v) => s.Press = v),
        Choice<SwitchActions, StageAction>("actions", "long_press", (s, v) => s.LongPress = v),
        Choice<SwitchActions, StageAction>("actions", "double_press", (s, v) => s.DoublePress = v),
    ]);

    private static readonly Section<DisplaySettings> Display = new("display",
    [
        Text<DisplaySettings>("chip", (s, v) => s.Chip = v),
        Whole<DisplaySettings>("spi_bus", (s, v) => s.SpiBus = v),
        Whole<DisplaySettings>("chip_select", (s, v) => s.ChipSelect = v),
        Whole<DisplaySettings>("clock_hz", (s, v) => s.ClockHz = v),
        Whole<DisplaySettings>("data_command", (s, v) => s.DataCommand = v),
        Whole<DisplaySettings>("reset", (s, v) => s.Reset = v),
        Choice<DisplaySettings, PanelRotation>("display.rotation", "rotation", (s, v) => s.Rotation = v),
        Whole<DisplaySettings>("frames_per_second", (s, v) => s.FramesPerSecond = v),
    ]);

    private static readonly Section<RedundancySettings> Redundancy = new("redundancy",
    [
        Choice<RedundancySettings, RedundancyRoleSetting>("redundancy.role", "role", (s, v) => s.Role = v),
        Text<RedundancySettings>("listen", (s, v) => s.Listen = v),
        Text<RedundancySettings>("peer", (s, v) => s.Peer = v),
        Text<RedundancySettings>("key", (s, v) => s.Key = v),
        Choice<RedundancySettings, StandbyOutput>("redundancy.standby_output", "standby_output", (s, v) => s.StandbyOutput = v),
        Number<RedundancySettings>("takeover_after_ms", (s, v) => s.TakeoverAfterMs = v),
        Text<RedundancySettings>("watchdog_chip", (s, v) => s.WatchdogChip = v),
        Whole<RedundancySettings>("watchdog_out", (s, v) => s.WatchdogOut = v),
        Whole<RedundancySettings>("watchdog_in", (s, v) => s.WatchdogIn = v),
        Text<RedundancySettings>("simulated_wire", (s, v) => s.SimulatedWire = v),
        Whole<RedundancySettings>("pilot_channel", (s, v) => s.PilotChannel = v),
        Number<RedundancySettings>("pilot_hz", (s, v) => s.PilotHz = v),
        Number<RedundancySettings>("pilot_level_db", (s, v) => s.PilotLevelDb = v),
    ]);

    private static readonly Section<ControlSettings> Controls = new("controls",
    [
        Text<ControlSettings>("chip", (s, v) => s.Chip = v),
        Whole<ControlSettings>("left", (s, v) => s.Left = v),
        Whole<ControlSettings>("middle", (s, v) => s.Middle = v),
        Whole<ControlSettings>("right", (s, v) => s.Right = v),
        Whole<ControlSettings>("encoder_a", (s, v) => s.EncoderA = v),
        Whole<ControlSettings>("encoder_b", (s, v) => s.EncoderB = v),
        Whole<ControlSettings>("encoder_push", (s, v) => s.EncoderPush = v),
        Choice<ControlSettings, GpioBias>("controls.bias", "bias", (s, v) => s.Bias = v),
        Flag<ControlSettings>("active_low", (s, v) => s.ActiveLow = v),
        Whole<ControlSettings>("debounce_us", (s, v) => s.DebounceUs = v),
        Whole<ControlSettings>("long_press_ms", (s, v) => s.LongPressMs = v),
        Flag<ControlSettings>("stop_needs_long_press", (s, v) => s.StopNeedsLongPress = v),
        new("actions", (s, node) => s.Actions = ReadActions(node)),
        Whole<ControlSettings>("encoder_steps_per_detent", (s, v) => s.EncoderStepsPerDetent = v),
        Flag<ControlSettings>("encoder_acceleration", (s, v) => s.EncoderAcceleration = v),
        Choice<ControlSettings, StageAction>("controls.encoder_turn", "encoder_turn", (s, v) => s.EncoderTurn = v),
    ]);

    /// <summary>The file's sections, in the order an unknown one's message lists them, each read into its part of the configuration.</summary>
    private static readonly (string Name, Action<YamlNode, BoxConfiguration, List<string>> Read)[] Sections =
    [
        (Audio.Name, (node, c, unwritten) => Read(Audio, node, c.Audio, unwritten)),
        (Show.Name, (node, c, unwritten) => Read(Show, node, c.Show, unwritten)),
        (Controls.Name, (node, c, unwritten) => Read(Controls, node, c.Controls, unwritten)),
        (Display.Name, (node, c, unwritten) => Read(Display, node, c.Display, unwritten)),
        (Redundancy.Name, (node, c, unwritten) => Read(Redundancy, node, c.Redundancy, unwritten)),
    ];

    private static readonly string SectionNames = string.Join(", ", Sections.Select(s => s.Name));

    public static BoundConfiguration Bind(YamlMappingNode root)
    {
        var configuration = new BoxConfiguration();
        var unwritten = new List<string>();
        foreach ((YamlNode key, YamlNode value) in root.Children)
        {
            string name = NameOf(key);
            var section = Array.Find(Sections, s => s.Name == name);
            if (section.Read is null) throw UnknownField(key, name, SectionNames);
            if (IsEmpty(value)) unwritten.Add($"{name}: the section is empty; give it fields, or remove the line for the defaults");
            else section.Read(value, configuration, unwritten);
        }
        return new BoundConfiguration(configuration, unwritten);
    }

    private static void Read<T>(Section<T> section, YamlNode node, T settings, List<string> unwritten)
    {
        foreach ((YamlNode key, YamlNode value) in Fields(section, node))
        {
            string name = NameOf(key);
            Field<T> field = section.Fields.FirstOrDefault(f => f.Name == name) ?? throw UnknownField(key, name, section.FieldNames);
            if (IsEmpty(value)) unwritten.Add($"{section.Name}.{name}: no value given; write one, or remove the line for the default");
            else field.Set(settings, value);
        }
    }

    /// <summary>controls.actions: each switch by name, with its actions by gesture.</summary>
    private static Dictionary<string, SwitchActions> ReadActions(YamlNode node)
    {
        var actions = new Dictionary<string, SwitchActions>();
        foreach ((YamlNode key, YamlNode value) in Fields(Switch, node))
        {
            if (IsEmpty(value)) throw new YamlException(value.Start, value.End, "the switch's actions are missing (such as { press: PlayStop })");
            var switchActions = new SwitchActions();
            // A gesture left empty ("press:") keeps its default, no action: the same as leaving it out.
            Read(Switch, value, switchActions, unwritten: []);
            actions[NameOf(key)] = switchActions;
        }
        return actions;
    }

    private static YamlMappingNode Fields<T>(Section<T> section, YamlNode node) =>
        node as YamlMappingNode ?? throw new YamlException(node.Start, node.End, $"a section of fields is wanted here, not a value or a list (fields: {section.FieldNames})");

    /// <summary>Nothing after the colon, or YAML's null: the value is unwritten (a quoted "" is an empty text, written).</summary>
    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string NameOf(YamlNode key) =>
        key is YamlScalarNode { Value: { } name } ? name : throw new YamlException(key.Start, key.End, "a field's name is wanted here, not a list or a section");

    private static YamlException UnknownField(YamlNode key, string name, string fields) =>
        new(key.Start, key.End, $"unknown field '{name}' (fields here: {fields})");

    private static YamlScalarNode Scalar(YamlNode node) =>
        node as YamlScalarNode ?? throw new YamlException(node.Start, node.End, "a single value is wanted here, not a list or a section");

    private static Field<T> Text<T>(string name, Action<T, string> set) => new(name, (s, node) => set(s, Scalar(node).Value ?? ""));

    private static Field<T> Whole<T>(string name, Action<T, int> set) => new(name, (s, node) =>
        set(s, int.TryParse(Scalar(node).Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value : throw new YamlException(node.Start, node.End, $"'{Scalar(node).Value}' is not a whole number")));

    private static Field<T> Number<T>(string name, Action<T, double> set) => new(name, (s, node) =>
        set(s, double.TryParse(Scalar(node).Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new YamlException(node.Start, node.End, $"'{Scalar(node).Value}' is not a number")));

    private static Field<T> Flag<T>(string name, Action<T, bool> set) => new(name, (s, node) => set(s, Scalar(node).Value?.ToLowerInvariant() switch
    {
        // YAML 1.1's booleans, as YamlDotNet read them.
        "true" or "yes" or "y" or "on" => true,
        "false" or "no" or "n" or "off" => false,
        _ => throw new YamlException(node.Start, node.End, $"'{Scalar(node).Value}' is not true or false"),
    }));

    /// <param name="field">The field as the message names it (audio.format), with the values it takes.</param>
    private static Field<T> Choice<T, TEnum>(string field, string name, Action<T, TEnum> set) where TEnum : struct, Enum => new(name, (s, node) =>
        set(s, Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(Scalar(node).Value, StringComparison.OrdinalIgnoreCase)) is string known
            ? Enum.Parse<TEnum>(known)
            : throw new YamlException(node.Start, node.End, $"'{Scalar(node).Value}' is not a value this field takes ({field}: {string.Join(", ", Enum.GetNames<TEnum>())})")));
}
