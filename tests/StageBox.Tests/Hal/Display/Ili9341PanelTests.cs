using StageBox.Hal.Display;
using StageBox.Hal.Sim;

namespace StageBox.Tests.Hal.Display;

/// <summary>The real ILI9341 driver into the panel emulator, asserting on what the emulated chip decoded.</summary>
public sealed class Ili9341PanelTests
{
    private static (Ili9341Panel Panel, Ili9341Emulator Chip) Connected(PanelRotation rotation = PanelRotation.Landscape)
    {
        var chip = new Ili9341Emulator();
        var panel = new Ili9341Panel(chip.Wiring, rotation);
        panel.Initialize();
        return (panel, chip);
    }

    private static FrameBuffer Noise(int width, int height, int seed)
    {
        var frame = new FrameBuffer(width, height);
        var random = new Random(seed);
        for (int i = 0; i < frame.Pixels.Length; i++) frame.Pixels[i] = (ushort)random.Next(0x10000);
        return frame;
    }

    [Fact]
    public void Init_resets_the_chip_and_sets_landscape_rgb565_then_wakes_it_and_turns_the_display_on_in_that_order()
    {
        (_, Ili9341Emulator chip) = Connected();
        Assert.Empty(chip.Violations);
        List<byte> codes = chip.Commands.Select(c => c.Code).ToList();
        int madctl = codes.IndexOf(Ili9341Command.MemoryAccessControl), colmod = codes.IndexOf(Ili9341Command.PixelFormatSet);
        int sleepOut = codes.IndexOf(Ili9341Command.SleepOut), displayOn = codes.IndexOf(Ili9341Command.DisplayOn);
        Assert.True(madctl >= 0 && colmod >= 0 && madctl < sleepOut && colmod < sleepOut && sleepOut < displayOn, string.Join(" ", codes.Select(c => c.ToString("X2"))));
        Assert.Equal([(byte)0x28], chip.Commands[madctl].Parameters);    // MV | BGR
        Assert.Equal([(byte)0x55], chip.Commands[colmod].Parameters);    // 16 bits per pixel
        Assert.Equal(15, chip.Commands.Single(c => c.Code == Ili9341Command.PositiveGammaCorrection).Parameters.Length);
    }

    [Theory]
    [InlineData(PanelRotation.Portrait, 0x48)]
    [InlineData(PanelRotation.Landscape, 0x28)]
    [InlineData(PanelRotation.PortraitFlipped, 0x88)]
    [InlineData(PanelRotation.LandscapeFlipped, 0xE8)]
    public void Each_mounting_has_its_memory_access_control(PanelRotation rotation, int madctl) =>
        Assert.Equal(madctl, Ili9341Panel.MemoryAccessControlFor(rotation));

    [Fact]
    public void A_presented_frame_is_what_the_viewer_sees_pixel_for_pixel_and_a_repeat_sends_nothing()
    {
        (Ili9341Panel panel, Ili9341Emulator chip) = Connected();
        FrameBuffer frame = Noise(320, 240, seed: 1);
        IReadOnlyList<PixelRect> sent = panel.Present(frame);
        Assert.Equal([new PixelRect(0, 0, 320, 240)], sent);
        Assert.Equal(frame.Pixels, chip.Snapshot().Pixels);
        long bytes = chip.BytesReceived;
        Assert.Empty(panel.Present(frame));
        Assert.Equal(bytes, chip.BytesReceived);
    }

    [Fact]
    public void The_flipped_landscape_mounting_shows_the_frame_turned_half_round_on_the_glass()
    {
        (Ili9341Panel panel, Ili9341Emulator chip) = Connected(PanelRotation.LandscapeFlipped);
        FrameBuffer frame = Noise(320, 240, seed: 2);
        panel.Present(frame);
        FrameBuffer glass = chip.Snapshot();
        Assert.Equal(frame[0, 0], glass[319, 239]);
        Assert.Equal(frame[10, 200], glass[309, 39]);
        Assert.Equal(frame.Pixels.Reverse(), glass.Pixels);
    }

    [Fact]
    public void Only_the_changed_pixels_bounding_boxes_go_out_and_the_rest_of_the_glass_keeps_its_picture()
    {
        (Ili9341Panel panel, Ili9341Emulator chip) = Connected();
        FrameBuffer frame = Noise(320, 240, seed: 3);
        panel.Present(frame);
        int writesBefore = chip.MemoryWrites.Count();
        var changedArea = new PixelRect(40, 50, 90, 30);
        for (int y = changedArea.Y; y < changedArea.Bottom; y++)
            for (int x = changedArea.X; x < changedArea.Right; x++) frame[x, y] = (ushort)~frame[x, y];
        frame[300, 230] = (ushort)~frame[300, 230];
        long bytesBefore = chip.BytesReceived;
        IReadOnlyList<PixelRect> sent = panel.Present(frame);
        PixelRect[] windows = chip.MemoryWrites.Skip(writesBefore).ToArray();
        Assert.Equal(sent, windows);
        Assert.All(windows, w => Assert.True(w.Intersect(changedArea) == w || w == new PixelRect(300, 230, 1, 1), $"{w} lies outside what changed"));
        Assert.Equal(changedArea.Area + 1, windows.Sum(w => w.Area));
        Assert.Equal(frame.Pixels, chip.Snapshot().Pixels);
        Assert.Equal((changedArea.Area + 1) * 2 + windows.Length * 11, chip.BytesReceived - bytesBefore); // pixels plus CASET, PASET, RAMWR per window
    }

    [Fact]
    public void Without_the_bgr_bit_the_bgr_glass_shows_red_as_blue()
    {
        var chip = new Ili9341Emulator();
        new Ili9341Panel(chip.Wiring, PanelRotation.Landscape).Initialize();
        chip.Wiring.DataCommand.Set(false);
        chip.Write([Ili9341Command.MemoryAccessControl]);
        chip.Wiring.DataCommand.Set(true);
        chip.Write([Ili9341Command.MadctlExchange]);
        chip.Wiring.DataCommand.Set(false);
        chip.Write([Ili9341Command.MemoryWrite]);
        chip.Wiring.DataCommand.Set(true);
        chip.Write([0xF8, 0x00]); // pure red, high byte first
        Assert.Equal(0x001F, chip.Snapshot()[0, 0]);
    }

    [Fact]
    public void The_chip_ignores_and_reports_commands_sent_before_it_has_come_out_of_reset()
    {
        var chip = new Ili9341Emulator();
        chip.Wiring.Reset.Set(false);
        chip.Write([Ili9341Command.SoftwareReset]);
        chip.Wiring.Reset.Set(true);
        chip.Wiring.DataCommand.Set(false);
        chip.Write([Ili9341Command.SleepOut]);
        chip.Write([Ili9341Command.DisplayOn]);
        Assert.Equal(3, chip.Violations.Count);
        Assert.Contains("reset line was held low", chip.Violations[0]);
        Assert.Contains("command 0x11", chip.Violations[1]);
        Assert.Empty(chip.Commands);
        Assert.Equal(0, chip.Snapshot().Pixels.Max()); // still asleep and dark
    }

    [Fact]
    public void A_frame_of_the_wrong_size_for_the_mounting_is_refused_with_the_sizes()
    {
        var panel = new Ili9341Panel(new Ili9341Emulator().Wiring, PanelRotation.Portrait);
        var error = Assert.Throws<ArgumentException>(() => panel.Present(new FrameBuffer(320, 240)));
        Assert.Equal("a Portrait ILI9341 shows 240x320 frames, not 320x240", error.Message);
    }
}
