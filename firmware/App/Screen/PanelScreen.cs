using StageBox.Hal;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;
using StageBox.Hal.Gpio;
using StageBox.Hal.Sim;
using StageBox.Hal.Spi;

namespace StageBox.App.Screen;

/// <summary>
/// The stage screen on its panel: draws a frame when the content changes and has the ILI9341
/// driver send the changed rectangles, to the real panel on spidev and GPIO, or to the emulator
/// on a PC. Knows what the glass shows: the emulator's decoding, or the frame sent to the hardware.
/// </summary>
internal sealed class PanelScreen : IDisposable
{
    private readonly ScreenFonts _fonts = new();
    private readonly StageScreen _screen;
    private readonly Ili9341Panel _panel;
    private readonly FrameBuffer _frame = new(StageScreen.Width, StageScreen.Height);
    private readonly Ili9341Emulator? _emulator;
    private readonly IDisposable[] _hardware;
    private ScreenContent? _shown;

    public PanelScreen(PanelWiring wiring, PanelRotation rotation, Ili9341Emulator? emulator, string description, params IDisposable[] hardware)
    {
        _screen = new StageScreen(_fonts);
        _emulator = emulator;
        _hardware = hardware;
        Description = description;
        _panel = new Ili9341Panel(wiring, rotation);
        _panel.Initialize();
    }

    public string Description { get; }

    /// <summary>Time to draw and send each frame that changed.</summary>
    public TimeHistogram FrameTimes { get; } = new(bucketNanoseconds: 100_000, buckets: 2_000);
    public long BytesSent => _panel.BytesSent;

    public static PanelScreen Simulated(int clockHz)
    {
        var emulator = new Ili9341Emulator(clockHz);
        return new PanelScreen(emulator.Wiring, PanelRotation.Landscape, emulator, $"ILI9341 emulator at {clockHz / 1e6:0.#} MHz");
    }

    /// <summary>The panel on /dev/spidevB.C with its D/C and reset on the configured GPIO chip.</summary>
    public static PanelScreen Open(DisplaySettings settings)
    {
        var spi = SpiDevice.Open(settings.SpiBus, settings.ChipSelect, SpiMode.Mode0, bitsPerWord: 8, settings.ClockHz);
        GpioChip? chip = null;
        GpioOutputLines? lines = null;
        try
        {
            chip = GpioChip.OpenPathOrLabel(settings.Chip);
            // Reset starts high (released) so requesting the lines does not reset a panel already showing something.
            lines = new GpioOutputLines(chip, [new GpioOutput(settings.DataCommand), new GpioOutput(settings.Reset, InitialValue: true)]);
            var wiring = new PanelWiring(spi, new GpioOutputLine(lines, 0), new GpioOutputLine(lines, 1));
            return new PanelScreen(wiring, settings.Rotation, null, $"ILI9341 on {spi.Path} at {spi.ClockHz / 1e6:0.#} MHz, D/C {settings.DataCommand} and reset {settings.Reset} on {chip.Label}", lines, chip, spi);
        }
        catch
        {
            lines?.Dispose();
            chip?.Dispose();
            spi.Dispose();
            throw;
        }
    }

    /// <summary>Draws and sends <paramref name="content"/> unless the glass already shows it; true when it changed.</summary>
    public bool Show(ScreenContent content)
    {
        if (content == _shown) return false;
        long started = MonotonicClock.NowNanoseconds();
        _screen.Draw(content, _frame);
        _panel.Present(_frame);
        FrameTimes.Record(MonotonicClock.NowNanoseconds() - started);
        _shown = content;
        return true;
    }

    /// <summary>What the viewer sees, copied into <paramref name="glass"/>.</summary>
    public void CopyGlassTo(FrameBuffer glass)
    {
        if (_emulator is not null) _emulator.CopyViewTo(glass);
        else _frame.CopyTo(glass);
    }

    public void Dispose()
    {
        foreach (IDisposable part in _hardware) part.Dispose();
        _fonts.Dispose();
    }
}
