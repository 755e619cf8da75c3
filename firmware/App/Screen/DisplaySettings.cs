using StageBox.Hal.Display;

namespace StageBox.App.Screen;

/// <summary>
/// The ILI9341 stage screen on SPI: the spidev bus and chip select, the clock, and the GPIO
/// lines for its D/C and reset pins. Without a chip there is no panel (the simulated box uses its emulator).
/// </summary>
public sealed class DisplaySettings
{
    /// <summary>The GPIO chip of the D/C and reset lines, by label or path; empty: no panel.</summary>
    public string Chip { get; set; } = "";
    public int SpiBus { get; set; }
    public int ChipSelect { get; set; }
    /// <summary>SPI clock: the ILI9341 is specified to 10 MHz for writes but takes 32 MHz and more on short wiring.</summary>
    public int ClockHz { get; set; } = 32_000_000;
    /// <summary>Line offsets on the chip (the Pi's usual wiring: GPIO 24 and 25).</summary>
    public int DataCommand { get; set; } = 24;
    public int Reset { get; set; } = 25;
    public PanelRotation Rotation { get; set; } = PanelRotation.Landscape;
    /// <summary>Frames per second the UI thread draws at most (20 to 30).</summary>
    public int FramesPerSecond { get; set; } = 25;
}
