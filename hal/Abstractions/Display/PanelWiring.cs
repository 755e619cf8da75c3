namespace StageBox.Hal.Display;

/// <summary>
/// How a 4-wire SPI panel hangs off the board: the SPI device (clock, data, chip select), the
/// D/C line (low: the byte on the bus is a command; high: it is data) and the active-low reset line.
/// </summary>
public sealed record PanelWiring(ISpiDevice Spi, IDigitalOutput DataCommand, IDigitalOutput Reset);
