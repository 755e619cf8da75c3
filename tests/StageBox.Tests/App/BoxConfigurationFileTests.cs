using StageBox.App.Configuration;
using StageBox.Control.Actions;
using StageBox.Control.Mapping;
using StageBox.Hal;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App;

/// <summary>
/// The box's own settings on the data partition over the image's /etc file, field by field, with
/// --config above both; a box file that is wrong is named, line and column, and set aside, so the
/// box still plays on /etc's settings.
/// </summary>
public sealed class BoxConfigurationFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StringWriter _log = new();
    private readonly ConfigurationFiles _files;

    public BoxConfigurationFileTests() => _files = new ConfigurationFiles(_directory.File("etc.yaml"), _directory.File("data.yaml"));

    private const string EtcFile = """
        audio:
          device: hw:CARD=UMC1820,0
          rate: 44100
          channels: 10
        display:
          chip: gpiochip0
        """;

    private BoxConfiguration Load(string? etc, string? box, string? config = null)
    {
        if (etc is not null) File.WriteAllText(_files.Defaults, etc);
        if (box is not null) File.WriteAllText(_files.Box, box);
        return ConfigurationLoader.Load(config, _files, _log);
    }

    [Fact]
    public void The_box_file_replaces_only_the_fields_it_sets()
    {
        BoxConfiguration configuration = Load(EtcFile, "audio:\n  device: hw:CARD=Scarlett,0\n  format: S32\n");

        Assert.Equal("hw:CARD=Scarlett,0", configuration.Audio.Device);
        Assert.Equal(SampleFormat.S32, configuration.Audio.Format);
        Assert.Equal((44100, 10), (configuration.Audio.Rate, configuration.Audio.Channels)); // /etc's, kept
        Assert.Equal("gpiochip0", configuration.Display.Chip); // a section the box file does not name
        Assert.Equal(256, configuration.Audio.PeriodFrames); // set by neither: the built-in default
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public void Without_an_etc_file_the_box_file_goes_over_the_built_in_defaults_and_without_either_the_defaults_hold()
    {
        Assert.Equal(new PcmFormat(48_000, 8, SampleFormat.Float32), Load(null, null).Audio.PcmFormat);
        BoxConfiguration configuration = Load(null, "audio:\n  channels: 2\n");
        Assert.Equal(new PcmFormat(48_000, 2, SampleFormat.Float32), configuration.Audio.PcmFormat);
    }

    [Fact]
    public void A_config_file_named_on_the_command_line_is_read_alone()
    {
        string config = _directory.File("bench.yaml");
        File.WriteAllText(config, "audio:\n  channels: 4\n");
        BoxConfiguration configuration = Load(EtcFile, "audio:\n  device: hw:CARD=Scarlett,0\n", config);

        Assert.Equal(("default", 48_000, 4), (configuration.Audio.Device, configuration.Audio.Rate, configuration.Audio.Channels));
    }

    [Theory]
    [InlineData("audio:\n  device: hw:CARD=Scarlett,0\n  chanels: 2\n", "data.yaml:3:3: error: unknown field 'chanels'")]
    [InlineData("audio:\n  device: hw:CARD=Scarlett,0\n  rate: 1000\n", "data.yaml:3:3: error: audio.rate 1000 is outside 8000..384000 Hz")]
    [InlineData("audio: [1, 2]\n", "data.yaml:1:8: error: a section of fields is wanted here, not a value or a list (fields: device, rate")]
    [InlineData("audio: [1, 2\n", "data.yaml:2:1: error: While parsing a flow sequence")]
    [InlineData("audio:\n  device: \"hw:0\n", "data.yaml:2:11: error:")]
    [InlineData("- audio\n", "data.yaml:1:1: error: the file holds sections")]
    public void A_wrong_box_file_is_named_with_its_line_and_the_box_runs_on_the_etc_file(string box, string fault)
    {
        BoxConfiguration configuration = Load(EtcFile, box);

        Assert.Equal(("hw:CARD=UMC1820,0", 44100, 10), (configuration.Audio.Device, configuration.Audio.Rate, configuration.Audio.Channels));
        Assert.Contains(fault, _log.ToString());
        Assert.Contains($"configuration: {_files.Box} is not used until it is fixed; the box runs on {_files.Defaults}", _log.ToString());
    }

    [Fact]
    public void A_box_file_that_clashes_with_a_value_it_left_to_the_etc_file_is_set_aside_with_that_line_named()
    {
        BoxConfiguration configuration = Load("audio:\n  buffer_frames: 1024\n", "audio:\n  period_frames: 1024\n");

        Assert.Equal(256, configuration.Audio.PeriodFrames);
        Assert.Contains("etc.yaml:2:3: error: audio.buffer_frames 1024 must hold at least two periods (2048)", _log.ToString());
        Assert.Contains("data.yaml is not used", _log.ToString());
    }

    [Fact]
    public void Mistakes_in_the_box_file_are_placed_in_it_even_at_fields_the_etc_file_sets_too()
    {
        BoxConfiguration configuration = Load(EtcFile, "# the bench's interface\naudio:\n  rate: fast\n  channels: 64\n");

        Assert.Equal((44100, 10), (configuration.Audio.Rate, configuration.Audio.Channels));
        Assert.Equal(
            [
                $"{_files.Box}:3:9: error: 'fast' is not a whole number (write digits only, with no unit)",
                $"{_files.Box}:4:3: error: audio.channels 64 is outside 1..32",
                $"configuration: {_files.Box} is not used until it is fixed; the box runs on {_files.Defaults}",
            ],
            _log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_switch_takes_the_box_files_gestures_over_the_etc_files_and_a_section_left_empty_changes_nothing()
    {
        BoxConfiguration configuration = Load(
            "audio:\n  rate: 44100\ncontrols:\n  actions:\n    left: { press: ClickDown, double_press: Panic }\n",
            "audio:\ncontrols:\n  actions:\n    left: { long_press: MuteClick, double_press: }\n");

        Assert.Equal(44100, configuration.Audio.Rate);
        Assert.Equal(new SwitchMapping(StageAction.ClickDown, StageAction.MuteClick), configuration.Controls.Mapping.Switches["left"]);
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public void A_wrong_etc_file_still_stops_the_box_as_it_always_did()
    {
        var fault = Assert.Throws<ConfigurationException>(() => Load("audio:\n  rate: 5\n", "audio:\n  rate: 48000\n"));
        Assert.Contains("etc.yaml:2:3: error: audio.rate 5 is outside", fault.Message);
    }

    public void Dispose() => _directory.Dispose();
}
