using System.Text.RegularExpressions;
using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StageBox.App.Configuration;

/// <summary>Reads and checks stagebox.yaml; every problem comes back as "file:line:column: error: ...".</summary>
public static class ConfigurationLoader
{
    /// <summary>Loads <paramref name="path"/>, or the defaults when no path is given and the default file is absent.</summary>
    public static BoxConfiguration Load(string? path)
    {
        if (path is null && !File.Exists(BoxConfiguration.DefaultPath)) return new BoxConfiguration();
        path ??= BoxConfiguration.DefaultPath;
        if (!File.Exists(path)) throw new ConfigurationException($"{path}: error: the configuration file does not exist");
        BoxConfiguration configuration;
        try
        {
            configuration = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .WithEnumNamingConvention(NullNamingConvention.Instance)
                .Build()
                .Deserialize<BoxConfiguration?>(File.ReadAllText(path)) ?? new BoxConfiguration();
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: error: {Explain(e)}");
        }
        string[] problems = Check(configuration.Audio).Concat(Check(configuration.Controls)).Concat(Check(configuration.Display)).ToArray();
        if (problems.Length > 0) throw new ConfigurationException(string.Join(Environment.NewLine, problems.Select(p => $"{path}: error: {p}")));
        return configuration;
    }

    /// <summary>YamlDotNet's message, with an unknown field named as such along with the fields that exist there.</summary>
    private static string Explain(YamlException e)
    {
        string message = e.InnerException?.Message ?? e.Message;
        Match badValue = Regex.Match(message, @"^Requested value '(?<value>[^']*)' was not found");
        if (badValue.Success)
            return $"'{badValue.Groups["value"].Value}' is not a value this field takes (audio.format: {string.Join(", ", Enum.GetNames<SampleFormat>())}; controls.bias: {string.Join(", ", Enum.GetNames<GpioBias>())}; display.rotation: {string.Join(", ", Enum.GetNames<PanelRotation>())}; actions: {string.Join(", ", Enum.GetNames<StageAction>())})";
        Match unknown = Regex.Match(message, @"^Property '(?<field>[^']*)' not found on type '(?<type>[^']*)'");
        if (!unknown.Success) return message;
        Type? type = typeof(BoxConfiguration).Assembly.GetType(unknown.Groups["type"].Value);
        IEnumerable<string> known = type?.GetProperties().Where(p => p.CanWrite).Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name)) ?? [];
        return $"unknown field '{unknown.Groups["field"].Value}' (fields here: {string.Join(", ", known)})";
    }

    private static IEnumerable<string> Check(ControlSettings controls)
    {
        string[] switches = [.. ControlMapping.ThreeSwitchFloorUnit.Switches.Keys, ControlSettings.EncoderPushName];
        foreach (string name in controls.Actions.Keys.Except(switches))
            yield return $"controls.actions has no switch '{name}' (switches: {string.Join(", ", switches)})";
        if (controls.EncoderStepsPerDetent is not (1 or 2 or 4)) yield return $"controls.encoder_steps_per_detent must be 1, 2 or 4, not {controls.EncoderStepsPerDetent}";
        if (controls.LongPressMs is < 200 or > 5000) yield return $"controls.long_press_ms {controls.LongPressMs} is outside 200..5000";
    }

    private static IEnumerable<string> Check(DisplaySettings display)
    {
        if (display.ClockHz is < 1_000_000 or > 80_000_000) yield return $"display.clock_hz {display.ClockHz} is outside 1000000..80000000";
        if (display.FramesPerSecond is < 20 or > 30) yield return $"display.frames_per_second {display.FramesPerSecond} is outside 20..30";
        if (display.DataCommand == display.Reset) yield return $"display.data_command and display.reset are both line {display.Reset}";
        if (display.Rotation is not (PanelRotation.Landscape or PanelRotation.LandscapeFlipped))
            yield return $"display.rotation {display.Rotation}: the stage screen is laid out landscape (Landscape or LandscapeFlipped)";
        if (display.SpiBus < 0 || display.ChipSelect < 0) yield return "display.spi_bus and display.chip_select cannot be negative";
    }

    private static IEnumerable<string> Check(AudioSettings audio)
    {
        if (audio.Rate is < 8000 or > 384_000) yield return $"audio.rate {audio.Rate} is outside 8000..384000 Hz";
        if (audio.Channels is < 1 or > 32) yield return $"audio.channels {audio.Channels} is outside 1..32";
        if (audio.PeriodFrames is < 16 or > 8192) yield return $"audio.period_frames {audio.PeriodFrames} is outside 16..8192";
        if (audio.BufferFrames < 2 * audio.PeriodFrames) yield return $"audio.buffer_frames {audio.BufferFrames} must hold at least two periods ({2 * audio.PeriodFrames})";
        if (audio.RealtimePriority is < 1 or > 99) yield return $"audio.realtime_priority {audio.RealtimePriority} is outside 1..99";
        if (!Enum.IsDefined(audio.Format)) yield return $"audio.format must be one of {string.Join(", ", Enum.GetNames<SampleFormat>())}";
    }
}

public sealed class ConfigurationException(string message) : Exception(message);
