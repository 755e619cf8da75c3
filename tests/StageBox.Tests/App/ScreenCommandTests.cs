using StageBox.Control.Views;
using StageBox.Hal.Display;
using StageBox.Tests.Hal;
using StageBox.Tests.Media.Images;

namespace StageBox.Tests.App;

/// <summary>The stage screen's pictures as the stagebox program makes them: screenshot and run --display-png.</summary>
public sealed class ScreenCommandTests : IClassFixture<CommandLineTests.DemoShowFolder>
{
    private readonly CommandLineTests.DemoShowFolder _demo;

    public ScreenCommandTests(CommandLineTests.DemoShowFolder demo) => _demo = demo;

    private string Song(string id) => Path.Combine(_demo.Show, "songs", id);

    [Fact]
    public void Screenshot_draws_the_asked_bar_through_driver_and_emulator_and_a_later_bar_differs_only_where_it_should()
    {
        using var directory = new TempDirectory();
        StageBoxProcess.Result bar5 = StageBoxProcess.Run(_demo.Work, "screenshot", Song("midnight-drive"), "--bar", "5", "--beat", "2", "-o", directory.File("bar5.png"));
        StageBoxProcess.Result bar6 = StageBoxProcess.Run(_demo.Work, "screenshot", Song("midnight-drive"), "--bar", "6", "--beat", "2", "-o", directory.File("bar6.png"));
        Assert.True(bar5.ExitCode == 0, bar5.Errors);
        Assert.Contains("Midnight Drive, PLAYING, bar 5 beat 2", bar5.Output);
        FrameBuffer five = PngReader.ReadFrame(directory.File("bar5.png")), six = PngReader.ReadFrame(directory.File("bar6.png"));
        Assert.Equal((320, 240), (five.Width, five.Height));
        var changedRows = Enumerable.Range(0, 240).Where(y => !five.Row(y).SequenceEqual(six.Row(y))).ToArray();
        Assert.NotEmpty(changedRows);
        Assert.All(changedRows, y => Assert.True(StageScreen.BarArea.Contains(10, y) || y > StageScreen.BeatLights.Bottom, $"row {y} changed"));
    }

    [Fact]
    public void Screenshot_of_a_bar_the_song_does_not_have_says_so()
    {
        using var directory = new TempDirectory();
        StageBoxProcess.Result shot = StageBoxProcess.Run(_demo.Work, "screenshot", Song("midnight-drive"), "--bar", "99", "-o", directory.File("x.png"));
        Assert.Equal(1, shot.ExitCode);
        Assert.Contains("midnight-drive: error: the song has no beat 1 in bar 99", shot.Errors);
        Assert.False(File.Exists(directory.File("x.png")));
    }

    [Fact]
    public void The_simulated_box_writes_snapshots_of_its_emulated_panel_and_the_last_frame_as_latest()
    {
        using var directory = new TempDirectory();
        string pictures = directory.File("screen");
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--sim", "--show", _demo.Show, "--play", "--exit-after", "3",
            "--record", directory.File("sim.wav"), "--display-png", pictures, "--status-file", directory.File("status"));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("screen: ILI9341 emulator at 32 MHz", run.Output);
        Assert.Matches(@"display: .* [1-9]\d* frames drawn", run.Output);
        string[] files = Directory.GetFiles(pictures).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Contains("latest.png", files);
        Assert.Contains(files, f => f.Contains("-count-in-"));
        Assert.Contains(files, f => f.Contains("-playing-bar1"));
        FrameBuffer last = PngReader.ReadFrame(Path.Combine(pictures, "latest.png"));
        Assert.Contains(last.Pixels, p => p == StagePalette.Playing);      // the PLAYING badge
    }

    [Fact]
    public void Display_png_on_a_box_without_a_screen_is_refused()
    {
        using var directory = new TempDirectory();
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--show", _demo.Show, "--device", "null", "--exit-after", "1", "--display-png", directory.File("p"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--display-png: this box has no screen", run.Errors);
    }

    [Fact]
    public void A_configured_panel_whose_spidev_is_missing_stops_the_start_with_the_device_named()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("box.yaml"), "display:\n  chip: /dev/gpiochip0\n  spi_bus: 7\n  chip_select: 1\n");
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--config", directory.File("box.yaml"), "--show", _demo.Show, "--device", "null", "--exit-after", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("stagebox: SPI device '/dev/spidev7.1': open failed: No such file or directory", run.Errors);
        Assert.DoesNotContain("Unhandled", run.Errors);
    }
}
