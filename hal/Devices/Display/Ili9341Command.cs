namespace StageBox.Hal.Display;

/// <summary>The ILI9341 commands the driver sends and the emulator decodes (datasheet v1.11, chapter 8).</summary>
public static class Ili9341Command
{
    public const byte SoftwareReset = 0x01;
    public const byte SleepOut = 0x11;
    public const byte InversionOff = 0x20;
    public const byte DisplayOff = 0x28;
    public const byte DisplayOn = 0x29;
    public const byte ColumnAddressSet = 0x2A;
    public const byte PageAddressSet = 0x2B;
    public const byte MemoryWrite = 0x2C;
    public const byte MemoryAccessControl = 0x36;
    public const byte PixelFormatSet = 0x3A;
    public const byte WriteMemoryContinue = 0x3C;
    public const byte FrameRateControl = 0xB1;
    public const byte DisplayFunctionControl = 0xB6;
    public const byte PowerControl1 = 0xC0;
    public const byte PowerControl2 = 0xC1;
    public const byte VcomControl1 = 0xC5;
    public const byte VcomControl2 = 0xC7;
    public const byte GammaSet = 0x26;
    public const byte PositiveGammaCorrection = 0xE0;
    public const byte NegativeGammaCorrection = 0xE1;

    /// <summary>MADCTL bits: row order (MY), column order (MX), row/column exchange (MV), BGR panel order.</summary>
    public const byte MadctlRowOrder = 0x80, MadctlColumnOrder = 0x40, MadctlExchange = 0x20, MadctlBgr = 0x08;

    /// <summary>COLMOD value for 16 bits per pixel (RGB565) on the MCU interface.</summary>
    public const byte SixteenBitsPerPixel = 0x55;
}
