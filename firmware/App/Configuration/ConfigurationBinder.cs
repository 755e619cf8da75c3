using StageBox.App.Session;
using StageBox.App.Screen;
using StageBox.App.Controls;
using System.Globalization;
using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Redundancy;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StageBox.App.Configuration;

/// <summary>
/// Types stagebox.yaml files into one <see cref="BoxConfiguration"/>, file after file over the built-in
/// defaults, each field by field over the files before it, from the tables below: no reflection, so the
/// firmware also builds as Native AOT. As the song files are read (Show.Parsing), a field that is
/// unknown, left empty or of the wrong kind is reported at its node in its own file and the reading goes
/// on, so one pass finds every such mistake; where each field was last set is kept, for the checks of
/// the values (<see cref="ConfigurationChecks"/>) to place theirs there.
/// </summary>
internal sealed class ConfigurationBinder(List<ShowError> errors)
{
    /// <summary>The file being read, and the path of the section being read in it ("audio", "controls.actions.left").</summary>
    private readonly record struct Reading(SourceFile File, string Path);

    /// <summary>
    /// One field of a section: its name in the file and how a value sets it (reporting a wrong one). A
    /// field that may be left empty says what empty means (<paramref name="Clear"/>); any other left empty is a mistake.
    /// </summary>
    private sealed record Field<T>(string Name, Action<ConfigurationBinder, T, YamlNode, Reading> Set, Action<T>? Clear = null);

    private sealed record Section<T>(string Name, IReadOnlyList<Field<T>> Fields)
    {
        public IReadOnlyList<string> FieldNames { get; } = Fields.Select(f => f.Name).ToArray();
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

    /// <summary>A switch's gestures. One left empty ("press:") is no action, the same as leaving it out.</summary>
    private static readonly Section<SwitchActions> Switch = new("actions",
    [
        Gesture("press", (s, v) => s.Press = v),
        Gesture("long_press", (s, v) => s.LongPress = v),
        Gesture("double_press", (s, v) => s.DoublePress = v),
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
        new("actions", (binder, s, node, reading) => binder.ReadActions(s.Actions, node, reading)),
        Whole<ControlSettings>("encoder_steps_per_detent", (s, v) => s.EncoderStepsPerDetent = v),
        Flag<ControlSettings>("encoder_acceleration", (s, v) => s.EncoderAcceleration = v),
        Choice<ControlSettings, StageAction>("controls.encoder_turn", "encoder_turn", (s, v) => s.EncoderTurn = v),
    ]);

    /// <summary>The file's sections, in the order an unknown one's message lists them, each read into its part of the configuration.</summary>
    private static readonly (string Name, Action<ConfigurationBinder, YamlNode, Reading> Read)[] Sections =
    [
        (Audio.Name, (binder, node, reading) => binder.Read(Audio, node, binder.Configuration.Audio, reading)),
        (Show.Name, (binder, node, reading) => binder.Read(Show, node, binder.Configuration.Show, reading)),
        (Controls.Name, (binder, node, reading) => binder.Read(Controls, node, binder.Configuration.Controls, reading)),
        (Display.Name, (binder, node, reading) => binder.Read(Display, node, binder.Configuration.Display, reading)),
        (Redundancy.Name, (binder, node, reading) => binder.Read(Redundancy, node, binder.Configuration.Redundancy, reading)),
    ];

    private static readonly string[] SectionNames = Sections.Select(s => s.Name).ToArray();

    /// <summary>The switches controls.actions may name.</summary>
    private static readonly string[] SwitchNames = [.. ControlMapping.ThreeSwitchFloorUnit.Switches.Keys, ControlSettings.EncoderPushName];

    /// <summary>Where each field ("audio.rate"), section ("redundancy") and switch ("controls.actions.left") was last set: its name's place.</summary>
    private readonly Dictionary<string, SourceLocation> _places = new(StringComparer.Ordinal);

    /// <summary>The sections (and switches) a file gave fields: one left empty in a later file changes nothing.</summary>
    private readonly HashSet<string> _sectionsGiven = new(StringComparer.Ordinal);

    public BoxConfiguration Configuration { get; } = new();

    /// <summary>Reads one file's fields over those read so far; its mistakes go to the errors, placed in it.</summary>
    public void Read(ConfigurationFile source)
    {
        var reading = new Reading(new SourceFile(source.Path, errors), "");
        foreach ((YamlNode key, YamlNode value) in source.Root.Children)
        {
            if (NameOf(key, reading.File) is not { } name) continue;
            var section = Array.Find(Sections, s => s.Name == name);
            if (section.Read is null) UnknownField(reading.File, key, name, SectionNames);
            else if (IsEmpty(value) && !_sectionsGiven.Contains(name))
                reading.File.Error(key, $"{name}: the section is empty; give it fields, or remove the line for the defaults");
            else if (!IsEmpty(value)) section.Read(this, value, Entered(reading, key, name, value));
        }
    }

    /// <summary>
    /// Where the first of <paramref name="fields"/> that a file sets was set, or null when none is set
    /// by any file (their values are the built-in defaults).
    /// </summary>
    public SourceLocation? PlaceOf(IEnumerable<string> fields) =>
        fields.Select(f => _places.TryGetValue(f, out SourceLocation place) ? place : (SourceLocation?)null).FirstOrDefault(p => p is not null);

    private void Read<T>(Section<T> section, YamlNode node, T settings, Reading reading)
    {
        if (FieldsOf(node, section.FieldNames, reading.File) is not { } fields) return;
        foreach ((YamlNode key, YamlNode value) in fields.Children)
        {
            if (NameOf(key, reading.File) is not { } name) continue;
            Field<T>? field = section.Fields.FirstOrDefault(f => f.Name == name);
            string path = $"{reading.Path}.{name}";
            if (field is null) UnknownField(reading.File, key, name, section.FieldNames);
            else if (!IsEmpty(value)) field.Set(this, settings, value, Entered(reading, key, name, value));
            else if (_sectionsGiven.Contains(path)) continue;
            else if (field.Clear is not null) field.Clear(settings);
            else reading.File.Error(key, $"{path}: no value given; write one, or remove the line for the default");
        }
    }

    /// <summary>controls.actions: each switch by name, with its actions by gesture over those earlier files gave it.</summary>
    private void ReadActions(Dictionary<string, SwitchActions> actions, YamlNode node, Reading reading)
    {
        if (FieldsOf(node, Switch.FieldNames, reading.File) is not { } switches) return;
        foreach ((YamlNode key, YamlNode value) in switches.Children)
        {
            if (NameOf(key, reading.File) is not { } name) continue;
            if (!SwitchNames.Contains(name))
                reading.File.Error(key, $"{reading.Path} has no switch '{name}'", Listed("switches", SwitchNames, name));
            else if (!IsEmpty(value))
                Read(Switch, value, actions.TryGetValue(name, out SwitchActions? given) ? given : actions[name] = new SwitchActions(), Entered(reading, key, name, value));
            else if (!_sectionsGiven.Contains($"{reading.Path}.{name}"))
                reading.File.Error(value, "the switch's actions are missing", "such as { press: PlayStop }");
        }
    }

    /// <summary>Records where <paramref name="name"/> is set (and whether as a section), and reads on inside it.</summary>
    private Reading Entered(Reading reading, YamlNode key, string name, YamlNode value)
    {
        string path = reading.Path.Length == 0 ? name : $"{reading.Path}.{name}";
        _places[path] = reading.File.At(key);
        if (value is YamlMappingNode) _sectionsGiven.Add(path);
        return reading with { Path = path };
    }

    private static YamlMappingNode? FieldsOf(YamlNode node, IReadOnlyList<string> fieldNames, SourceFile file)
    {
        if (node is YamlMappingNode fields) return fields;
        file.Error(node, "a section of fields is wanted here, not a value or a list", $"fields: {string.Join(", ", fieldNames)}");
        return null;
    }

    /// <summary>Nothing after the colon, or YAML's null: the value is unwritten (a quoted "" is an empty text, written).</summary>
    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string? NameOf(YamlNode key, SourceFile file)
    {
        if (key is YamlScalarNode { Value: { } name }) return name;
        file.Error(key, "a field's name is wanted here, not a list or a section");
        return null;
    }

    private static void UnknownField(SourceFile file, YamlNode key, string name, IReadOnlyList<string> fieldNames) =>
        file.Error(key, $"unknown field '{name}'", Listed("fields here", fieldNames, name));

    /// <summary>"fields here: a, b, c", and "did you mean 'b'?" when <paramref name="typed"/> is a slip for one of them.</summary>
    private static string Listed(string what, IReadOnlyList<string> names, string? typed) =>
        $"{what}: {string.Join(", ", names)}" + (typed is not null && NearestName.Find(typed, names) is { } nearest ? $"; did you mean '{nearest}'?" : "");

    private static YamlScalarNode? Scalar(YamlNode node, SourceFile file)
    {
        if (node is YamlScalarNode scalar) return scalar;
        file.Error(node, "a single value is wanted here, not a list or a section", "write one value, on the field's line");
        return null;
    }

    /// <summary>A field of one value: <paramref name="parse"/> types its text, or says what is wrong and how to write it.</summary>
    private static Field<T> Single<T, TValue>(string name, Func<string, (TValue? Value, string? Problem, string? Fix)> parse, Action<T, TValue> set) =>
        new(name, (_, s, node, reading) =>
        {
            if (Scalar(node, reading.File) is not { } scalar) return;
            (TValue? value, string? problem, string? fix) = parse(scalar.Value ?? "");
            if (problem is null) set(s, value!);
            else reading.File.Error(node, problem, fix);
        });

    private static Field<T> Text<T>(string name, Action<T, string> set) => Single<T, string>(name, text => (text, null, null), set);

    private static Field<T> Whole<T>(string name, Action<T, int> set) => Single<T, int>(name, text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? (value, null, null) : (0, $"'{text}' is not a whole number", "write digits only, with no unit"), set);

    private static Field<T> Number<T>(string name, Action<T, double> set) => Single<T, double>(name, text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? (value, null, null) : (0, $"'{text}' is not a number", "write a plain number, with '.' for a fraction, such as -6.5"), set);

    private static Field<T> Flag<T>(string name, Action<T, bool> set) => Single<T, bool>(name, text => text.ToLowerInvariant() switch
    {
        // YAML 1.1's booleans, as YamlDotNet read them.
        "true" or "yes" or "y" or "on" => (true, null, null),
        "false" or "no" or "n" or "off" => (false, null, null),
        _ => (false, $"'{text}' is not true or false", null),
    }, set);

    /// <param name="field">The field as the message names it (audio.format), with the values it takes.</param>
    private static Field<T> Choice<T, TEnum>(string field, string name, Action<T, TEnum> set) where TEnum : struct, Enum => Single<T, TEnum>(name, text =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is string known
            ? (Enum.Parse<TEnum>(known), null, null)
            : (default, $"'{text}' is not a value this field takes", Listed(field, Enum.GetNames<TEnum>(), text)), set);

    private static Field<SwitchActions> Gesture(string name, Action<SwitchActions, StageAction?> set) =>
        Choice<SwitchActions, StageAction>("actions", name, (s, v) => set(s, v)) with { Clear = s => set(s, null) };
}
