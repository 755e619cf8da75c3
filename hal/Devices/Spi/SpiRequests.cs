namespace StageBox.Hal.Spi;

/// <summary>
/// The spidev ioctl request numbers, derived as linux/spi/spidev.h does with the asm-generic
/// _IOC macros (x86-64 and arm64 alike): _IOC(dir, type, nr, size) = dir &lt;&lt; 30 | size &lt;&lt; 16 |
/// type &lt;&lt; 8 | nr, where dir is 1 for _IOW (user to kernel) and 2 for _IOR, type is 'k'
/// (SPI_IOC_MAGIC) and size is the argument's size. So SPI_IOC_WR_MODE = _IOW('k', 1, __u8) =
/// 0x40016B01, and SPI_IOC_MESSAGE(n) = _IOW('k', 0, char[n * 32]).
/// </summary>
internal static class SpiRequests
{
    private const uint Write = 1, Read = 2;
    private const uint Magic = 'k';
    // _IOC_SIZEBITS is 14: a message of more transfers than this has no request number.
    public const int MaxTransfersPerMessage = ((1 << 14) - 1) / SpiTransfer.Size;

    public static readonly nuint WriteMode = Encode(Write, 1, sizeof(byte));          // SPI_IOC_WR_MODE
    public static readonly nuint ReadMode = Encode(Read, 1, sizeof(byte));            // SPI_IOC_RD_MODE
    public static readonly nuint WriteBitsPerWord = Encode(Write, 3, sizeof(byte));   // SPI_IOC_WR_BITS_PER_WORD
    public static readonly nuint ReadBitsPerWord = Encode(Read, 3, sizeof(byte));     // SPI_IOC_RD_BITS_PER_WORD
    public static readonly nuint WriteMaxSpeedHz = Encode(Write, 4, sizeof(uint));    // SPI_IOC_WR_MAX_SPEED_HZ
    public static readonly nuint ReadMaxSpeedHz = Encode(Read, 4, sizeof(uint));      // SPI_IOC_RD_MAX_SPEED_HZ

    /// <summary>SPI_IOC_MESSAGE(<paramref name="transfers"/>): that many struct spi_ioc_transfer in one message.</summary>
    public static nuint Message(int transfers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transfers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(transfers, MaxTransfersPerMessage);
        return Encode(Write, 0, transfers * SpiTransfer.Size);
    }

    private static nuint Encode(uint direction, uint number, int size) =>
        direction << 30 | (uint)size << 16 | Magic << 8 | number;
}
