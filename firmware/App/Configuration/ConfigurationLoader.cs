using System.Net;
using System.Text.RegularExpressions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;
using YamlDotNet.RepresentationModel;

namespace StageBox.App.Configuration;

/// <summary>
/// Reads and checks the box's configuration; every problem comes back as
/// "file:line:column: error: ...". Precedence, strongest first: <c>--config FILE</c> (that file
/// alone, over the built-in defaults); else the box's own file on the data partition
/// (<see cref="BoxConfiguration.BoxPath"/>), field by field over /etc's
/// (<see cref="BoxConfiguration.DefaultPath"/>), over the built-in defaults. A bad box file does not
/// stop the box: the problem is logged and the box runs on /etc's file as if the box file were absent.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Loads <paramref name="path"/>, or the box's files (/etc's, then the data partition's) when no path is given.</summary>
    public static BoxConfiguration Load(string? path) => Load(path, ConfigurationFiles.OnTheBox, Console.Error);

    /// <param name="log">Where a box file that is not used says why.</param>
    public static BoxConfiguration Load(string? path, ConfigurationFiles files, TextWriter log)
    {
        if (path is not null)
        {
            if (!File.Exists(path)) throw new ConfigurationException($"{path}: error: the configuration file does not exist");
            ConfigurationFile only = ConfigurationFile.Read(path);
            return Checked(only.Configuration, only);
        }
        ConfigurationFile? defaults = File.Exists(files.Defaults) ? ConfigurationFile.Read(files.Defaults) : null;
        BoxConfiguration basis = defaults is null ? new BoxConfiguration() : Checked(defaults.Configuration, defaults);
        if (!File.Exists(files.Box)) return basis;
        try
        {
            ConfigurationFile box = ConfigurationFile.Read(files.Box);
            BoundConfiguration merged = defaults is null ? box.Configuration : ConfigurationFile.Deserialize(files.Box, Merge(defaults.Root, box.Root));
            // /etc's file passed alone, so what fails now is the box file's doing: named there, or at /etc's line it left standing.
            return defaults is null ? Checked(merged, box) : Checked(merged, box, defaults);
        }
        catch (Exception e) when (e is ConfigurationException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine(e is ConfigurationException ? e.Message : $"{files.Box}: error: cannot be read ({e.Message})");
            log.WriteLine($"configuration: {files.Box} is not used until it is fixed; the box runs on {(defaults is null ? "the built-in defaults" : files.Defaults)}");
            return basis;
        }
    }

    /// <summary>
    /// <paramref name="over"/>'s fields replace <paramref name="under"/>'s one by one: a section
    /// both files have is merged field by field; any other value (a number, a list) is replaced whole.
    /// </summary>
    private static YamlMappingNode Merge(YamlMappingNode under, YamlMappingNode over)
    {
        var merged = new YamlMappingNode();
        foreach ((YamlNode key, YamlNode value) in under.Children)
            merged.Add(key, over.Children.TryGetValue(key, out YamlNode? replacing) ? Merged(value, replacing) : value);
        foreach ((YamlNode key, YamlNode value) in over.Children)
            if (!under.Children.ContainsKey(key)) merged.Add(key, value);
        return merged;
    }

    private static YamlNode Merged(YamlNode under, YamlNode over) => (under, over) switch
    {
        (YamlMappingNode a, YamlMappingNode b) => Merge(a, b),
        (YamlMappingNode, YamlScalarNode { Value: null or "" or "~" or "null" }) => under, // "audio:" with nothing under it changes nothing
        _ => over,
    };

    /// <summary>Checks the values; each problem is placed at the field's line in the first of <paramref name="sources"/> that sets it.</summary>
    private static BoxConfiguration Checked(BoundConfiguration bound, params ConfigurationFile[] sources)
    {
        BoxConfiguration configuration = bound.Configuration;
        string[] problems = bound.Unwritten.ToArray();
        if (problems.Length == 0)
            problems = Check(configuration.Audio).Concat(Check(configuration.Controls)).Concat(Check(configuration.Display))
                .Concat(Check(configuration.Redundancy, configuration.Audio)).ToArray();
        if (problems.Length > 0) throw new ConfigurationException(string.Join(Environment.NewLine, problems.Select(p => $"{Place(p, sources)}: error: {p}")));
        return configuration;
    }

    /// <summary>"file:line:column" of the field a problem starts with (audio.rate ..., redundancy: ...), or the first file's name.</summary>
    private static string Place(string problem, ConfigurationFile[] sources)
    {
        string field = Regex.Match(problem, @"^[a-z_]+(\.[a-z_]+)?").Value;
        foreach (ConfigurationFile source in sources)
            if (source.Locate(field) is { } mark) return $"{source.Path}:{mark.Line}:{mark.Column}";
        return sources[0].Path;
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

public sealed class ConfigurationException(string message) : UserFacingException(message);
