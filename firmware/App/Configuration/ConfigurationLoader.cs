using System.Net;
using System.Text.RegularExpressions;
using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;
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
        string[] problems = Check(configuration.Audio).Concat(Check(configuration.Controls)).Concat(Check(configuration.Display))
            .Concat(Check(configuration.Redundancy, configuration.Audio)).ToArray();
        if (problems.Length > 0) throw new ConfigurationException(string.Join(Environment.NewLine, problems.Select(p => $"{path}: error: {p}")));
        return configuration;
    }

    /// <summary>YamlDotNet's message, with an unknown field named as such along with the fields that exist there.</summary>
    private static string Explain(YamlException e)
    {
        string message = e.InnerException?.Message ?? e.Message;
        Match badValue = Regex.Match(message, @"^Requested value '(?<value>[^']*)' was not found");
        if (badValue.Success)
            return $"'{badValue.Groups["value"].Value}' is not a value this field takes (audio.format: {string.Join(", ", Enum.GetNames<SampleFormat>())}; controls.bias: {string.Join(", ", Enum.GetNames<GpioBias>())}; display.rotation: {string.Join(", ", Enum.GetNames<PanelRotation>())}; redundancy.role: {string.Join(", ", Enum.GetNames<RedundancyRoleSetting>())}; redundancy.standby_output: {string.Join(", ", Enum.GetNames<StandbyOutput>())}; actions: {string.Join(", ", Enum.GetNames<StageAction>())})";
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

    private static IEnumerable<string> Check(RedundancySettings redundancy, AudioSettings audio)
    {
        if (redundancy.PilotChannel < 0 || redundancy.PilotChannel > audio.Channels)
            yield return $"redundancy.pilot_channel {redundancy.PilotChannel} is outside 0..{audio.Channels} (0: no pilot tone)";
        if (!(redundancy.PilotHz >= 20 && redundancy.PilotHz < audio.Rate / 2.0)) yield return $"redundancy.pilot_hz {redundancy.PilotHz} is outside 20..{audio.Rate / 2} Hz";
        if (!(redundancy.PilotLevelDb <= 0)) yield return $"redundancy.pilot_level_db {redundancy.PilotLevelDb} is above 0 dBFS";
        if (redundancy.Role == RedundancyRoleSetting.Standalone) yield break;
        if (!IPEndPoint.TryParse(redundancy.Listen, out IPEndPoint? listen) || listen.Port == 0) yield return $"redundancy.listen '{redundancy.Listen}' is not an address:port (such as 0.0.0.0:7471)";
        if (!IPEndPoint.TryParse(redundancy.Peer, out IPEndPoint? peer) || peer.Port == 0) yield return $"redundancy.peer '{redundancy.Peer}' is not the other box's address:port (such as 192.168.50.2:7471)";
        else if (listen is not null && listen.AddressFamily != peer.AddressFamily) yield return $"redundancy.listen '{redundancy.Listen}' and redundancy.peer '{redundancy.Peer}' must both be IPv4 or both IPv6";
        string? keyProblem = null;
        try
        {
            LinkKey.FromHex(redundancy.Key);
        }
        catch (FormatException e)
        {
            keyProblem = e.Message;
        }
        if (keyProblem is not null) yield return keyProblem;
        if (redundancy.TakeoverAfterMs is < 2 or > 2000) yield return $"redundancy.takeover_after_ms {redundancy.TakeoverAfterMs} is outside 2..2000";
        bool linesWired = redundancy.WatchdogOut >= 0 || redundancy.WatchdogIn >= 0;
        if (linesWired && redundancy.WatchdogChip.Length == 0) yield return "redundancy.watchdog_out/watchdog_in need redundancy.watchdog_chip";
        if (linesWired && redundancy.SimulatedWire.Length > 0) yield return "redundancy: a box has GPIO watchdog lines or a simulated wire, not both";
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
