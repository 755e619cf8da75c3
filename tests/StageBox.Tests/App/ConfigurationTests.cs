using StageBox.App.Configuration;
using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App;

public class ConfigurationTests
{
    private static BoxConfiguration Load(string yaml)
    {
        using var directory = new TempDirectory();
        string path = directory.File("stagebox.yaml");
        File.WriteAllText(path, yaml);
        return ConfigurationLoader.Load(path);
    }

    private static string Fault(string yaml) => Assert.Throws<ConfigurationException>(() => Load(yaml)).Message;

    [Fact]
    public void Every_field_has_a_default()
    {
        BoxConfiguration configuration = Load("{}\n");
        Assert.Equal(new PcmFormat(48_000, 8, SampleFormat.Float32), configuration.Audio.PcmFormat);
        Assert.Equal((256, 1024, 80), (configuration.Audio.PeriodFrames, configuration.Audio.BufferFrames, configuration.Audio.RealtimePriority));
        Assert.Equal("", configuration.Controls.Chip);
        Assert.Equal(ControlMapping.ThreeSwitchFloorUnit.Switches["middle"], configuration.Controls.Mapping.Switches["middle"]);
        Assert.Equal(StageBox.Redundancy.RedundancyRoleSetting.Standalone, configuration.Redundancy.Role);
    }

    [Fact]
    public void Switch_actions_from_the_configuration_replace_the_defaults_they_name()
    {
        ControlMapping mapping = Load("""
            controls:
              stop_needs_long_press: false
              actions:
                left: { press: ClickDown, long_press: MuteClick }
                encoder_push: { press: Panic }
            """).Controls.Mapping;
        Assert.Equal(new SwitchMapping(StageAction.ClickDown, StageAction.MuteClick), mapping.Switches["left"]);
        Assert.Equal(ControlMapping.ThreeSwitchFloorUnit.Switches["right"], mapping.Switches["right"]);
        Assert.Equal(new SwitchMapping(StageAction.Panic), mapping.EncoderPush);
        Assert.False(mapping.StopNeedsLongPress);
    }

    [Theory]
    [InlineData("controls:\n  actions:\n    pedal9: { press: Panic }\n", "controls.actions has no switch 'pedal9'")]
    [InlineData("controls:\n  actions:\n    left: { press: Explode }\n", ":3:20: error: 'Explode' is not a value")]
    [InlineData("audio:\n  ratez: 48000\n", ":2:3: error: unknown field 'ratez' (fields here: device, rate")]
    [InlineData("audio:\n  rate: fast\n", ":2:9: error: 'fast' is not a whole number")]
    [InlineData("audio:\n  lock_memory: maybe\n", ":2:16: error: 'maybe' is not true or false")]
    [InlineData("redundancy:\n  pilot_hz: 1k\n", ":2:13: error: '1k' is not a number")]
    [InlineData("audio:\n  device: [hw, 0]\n", ":2:11: error: a single value is wanted here, not a list or a section")]
    [InlineData("audio:\n  buffer_frames: 256\n", "must hold at least two periods")]
    [InlineData("controls:\n  long_press_ms: 50\n", "long_press_ms 50 is outside 200..5000")]
    [InlineData("controls:\n  encoder_steps_per_detent: 3\n", "encoder_steps_per_detent must be 1, 2 or 4, not 3")]
    [InlineData("redundancy:\n  role: Primary\n  peer: 10.0.0.2\n  key: 00112233445566778899aabbccddeeff\n", "redundancy.peer '10.0.0.2' is not the other box's address:port")]
    [InlineData("redundancy:\n  role: Backup\n  peer: 10.0.0.1:7471\n  key: 0011\n", "redundancy.key: 16 bits is too short")]
    [InlineData("redundancy:\n  role: Backup\n  peer: 10.0.0.1:7471\n  key: 0000000000000000000000000000000000000000000000000000000000000000\n", ":4:3: error: redundancy.key: all zero, a key anyone could guess; make a random one with `openssl rand -hex 32`")]
    [InlineData("redundancy:\n  role: Backup\n  peer: 10.0.0.1:7471\n  key: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", ":4:3: error: redundancy.key: every byte aa, a key anyone could guess")]
    [InlineData("redundancy:\n  role: Primary\n  peer: 10.0.0.2:7471\n  key: deadbeefdeadbeefdeadbeefdeadbeef\n", ":4:3: error: redundancy.key: only 4 different byte values, a key anyone could guess")]
    [InlineData("redundancy:\n  role: Primary\n  listen: '[fe80::1]:7471'\n  peer: 169.254.50.2:7471\n  key: 00112233445566778899aabbccddeeff\n", "redundancy.listen '[fe80::1]:7471' and redundancy.peer '169.254.50.2:7471' must both be IPv4 or both IPv6")]
    [InlineData("redundancy:\n  role: Spare\n", "redundancy.role: Standalone, Primary, Backup")]
    [InlineData("redundancy:\n  pilot_channel: 9\n", "redundancy.pilot_channel 9 is outside 0..8")]
    [InlineData("redundancy:\n  role: Primary\n  peer: 10.0.0.2:7471\n  key: 00112233445566778899aabbccddeeff\n  watchdog_out: 17\n", "need redundancy.watchdog_chip")]
    [InlineData("audio:\n  rate: 48000\n  device:\n", ":3:3: error: audio.device: no value given; write one, or remove the line for the default")]
    [InlineData("redundancy:\n  role: Primary\n  simulated_wire:\n", ":3:3: error: redundancy.simulated_wire: no value given")]
    [InlineData("audio:\n  rate: 48000\nredundancy:\n", ":3:1: error: redundancy: the section is empty; give it fields, or remove the line for the defaults")]
    public void Mistakes_name_the_place_and_the_fault(string yaml, string fault) => Assert.Contains(fault, Fault(yaml));

    [Fact]
    public void Every_mistake_in_a_file_comes_at_once_each_at_its_line_and_column_with_how_to_fix_it()
    {
        string[] faults = Fault("""
            audio:
              rate: 48000
              chanels: 2
              period_frames: lots
            controls:
              long_press_ms: 50
            """).Split(Environment.NewLine);

        Assert.Equal(3, faults.Length);
        Assert.EndsWith("stagebox.yaml:3:3: error: unknown field 'chanels' (fields here: device, rate, period_frames, buffer_frames, channels, realtime_priority, cpu, lock_memory, format; did you mean 'channels'?)", faults[0]);
        Assert.EndsWith("stagebox.yaml:4:18: error: 'lots' is not a whole number (write digits only, with no unit)", faults[1]);
        Assert.EndsWith("stagebox.yaml:6:3: error: controls.long_press_ms 50 is outside 200..5000", faults[2]);
    }
}
