using StageBox.App.Session;
using StageBox.App.Screen;
using StageBox.App.Controls;
using System.Net;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;

namespace StageBox.App.Configuration;

/// <summary>
/// A value that reads well but does not fit: what is wrong, and the fields it is about, the one to
/// place it at first (a problem between two fields is placed at whichever of them a file sets).
/// </summary>
internal sealed record SettingProblem(string Problem, params string[] Fields);

/// <summary>The checks of the values, over the whole configuration once every file is read; each names its field.</summary>
internal static class ConfigurationChecks
{
    public static IEnumerable<SettingProblem> Of(BoxConfiguration configuration) =>
        Check(configuration.Audio).Concat(Check(configuration.Controls)).Concat(Check(configuration.Display))
            .Concat(Check(configuration.Redundancy, configuration.Audio));

    private static IEnumerable<SettingProblem> Check(ControlSettings controls)
    {
        if (controls.EncoderStepsPerDetent is not (1 or 2 or 4))
            yield return new($"controls.encoder_steps_per_detent must be 1, 2 or 4, not {controls.EncoderStepsPerDetent}", "controls.encoder_steps_per_detent");
        if (controls.LongPressMs is < 200 or > 5000) yield return new($"controls.long_press_ms {controls.LongPressMs} is outside 200..5000", "controls.long_press_ms");
    }

    private static IEnumerable<SettingProblem> Check(DisplaySettings display)
    {
        if (display.ClockHz is < 1_000_000 or > 80_000_000) yield return new($"display.clock_hz {display.ClockHz} is outside 1000000..80000000", "display.clock_hz");
        if (display.FramesPerSecond is < 20 or > 30) yield return new($"display.frames_per_second {display.FramesPerSecond} is outside 20..30", "display.frames_per_second");
        if (display.DataCommand == display.Reset)
            yield return new($"display.data_command and display.reset are both line {display.Reset}", "display.data_command", "display.reset");
        if (display.Rotation is not (PanelRotation.Landscape or PanelRotation.LandscapeFlipped))
            yield return new($"display.rotation {display.Rotation}: the stage screen is laid out landscape (Landscape or LandscapeFlipped)", "display.rotation");
        if (display.SpiBus < 0 || display.ChipSelect < 0)
            yield return new("display.spi_bus and display.chip_select cannot be negative", display.SpiBus < 0 ? "display.spi_bus" : "display.chip_select");
    }

    private static IEnumerable<SettingProblem> Check(RedundancySettings redundancy, AudioSettings audio)
    {
        if (redundancy.PilotChannel < 0 || redundancy.PilotChannel > audio.Channels)
            yield return new($"redundancy.pilot_channel {redundancy.PilotChannel} is outside 0..{audio.Channels} (0: no pilot tone)", "redundancy.pilot_channel", "audio.channels");
        if (!(redundancy.PilotHz >= 20 && redundancy.PilotHz < audio.Rate / 2.0))
            yield return new($"redundancy.pilot_hz {redundancy.PilotHz} is outside 20..{audio.Rate / 2} Hz", "redundancy.pilot_hz", "audio.rate");
        if (!(redundancy.PilotLevelDb <= 0)) yield return new($"redundancy.pilot_level_db {redundancy.PilotLevelDb} is above 0 dBFS", "redundancy.pilot_level_db");
        if (redundancy.Role == RedundancyRoleSetting.Standalone) yield break;
        if (!IPEndPoint.TryParse(redundancy.Listen, out IPEndPoint? listen) || listen.Port == 0)
            yield return new($"redundancy.listen '{redundancy.Listen}' is not an address:port (such as 0.0.0.0:7471)", "redundancy.listen");
        if (!IPEndPoint.TryParse(redundancy.Peer, out IPEndPoint? peer) || peer.Port == 0)
            yield return new($"redundancy.peer '{redundancy.Peer}' is not the other box's address:port (such as 192.168.50.2:7471)", "redundancy.peer", "redundancy.role");
        else if (listen is not null && listen.AddressFamily != peer.AddressFamily)
            yield return new($"redundancy.listen '{redundancy.Listen}' and redundancy.peer '{redundancy.Peer}' must both be IPv4 or both IPv6", "redundancy.listen", "redundancy.peer");
        if (KeyProblem(redundancy.Key) is { } keyProblem) yield return new(keyProblem, "redundancy.key", "redundancy.role");
        if (redundancy.TakeoverAfterMs is < 2 or > 2000) yield return new($"redundancy.takeover_after_ms {redundancy.TakeoverAfterMs} is outside 2..2000", "redundancy.takeover_after_ms");
        bool linesWired = redundancy.WatchdogOut >= 0 || redundancy.WatchdogIn >= 0;
        if (linesWired && redundancy.WatchdogChip.Length == 0)
            yield return new("redundancy.watchdog_out/watchdog_in need redundancy.watchdog_chip", "redundancy.watchdog_out", "redundancy.watchdog_in");
        if (linesWired && redundancy.SimulatedWire.Length > 0)
            yield return new("redundancy: a box has GPIO watchdog lines or a simulated wire, not both", "redundancy.simulated_wire");
    }

    /// <summary>Why the pair's key will not do (it names redundancy.key), or null.</summary>
    private static string? KeyProblem(string key)
    {
        try
        {
            LinkKey.FromHex(key);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static IEnumerable<SettingProblem> Check(AudioSettings audio)
    {
        if (audio.Rate is < 8000 or > 384_000) yield return new($"audio.rate {audio.Rate} is outside 8000..384000 Hz", "audio.rate");
        if (audio.Channels is < 1 or > 32) yield return new($"audio.channels {audio.Channels} is outside 1..32", "audio.channels");
        if (audio.PeriodFrames is < 16 or > 8192) yield return new($"audio.period_frames {audio.PeriodFrames} is outside 16..8192", "audio.period_frames");
        if (audio.BufferFrames < 2 * audio.PeriodFrames)
            yield return new($"audio.buffer_frames {audio.BufferFrames} must hold at least two periods ({2 * audio.PeriodFrames})", "audio.buffer_frames", "audio.period_frames");
        if (audio.RealtimePriority is < 1 or > 99) yield return new($"audio.realtime_priority {audio.RealtimePriority} is outside 1..99", "audio.realtime_priority");
        if (!Enum.IsDefined(audio.Format)) yield return new($"audio.format must be one of {string.Join(", ", Enum.GetNames<SampleFormat>())}", "audio.format");
    }
}
