namespace StageBox.Hal.Spi;

/// <summary>
/// Clock polarity and phase, numbered as everywhere (and as spidev's SPI_MODE_n): bit 1 is CPOL
/// (the clock idles high), bit 0 CPHA (data is sampled on the second edge). The ILI9341 takes mode 0.
/// </summary>
public enum SpiMode : byte
{
    Mode0 = 0,
    Mode1 = 1,
    Mode2 = 2,
    Mode3 = 3,
}
