using System.Runtime.InteropServices;

namespace StageBox.Hal.Spi;

/// <summary>
/// struct spi_ioc_transfer from linux/spi/spidev.h, 32 bytes with the same layout on every
/// architecture: the buffers are u64 whatever the pointer size, so 32-bit user space needs no compat shim.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SpiTransfer
{
    public const int Size = 32;

    public ulong TxBuffer;        // user address of the bytes to send; 0 sends zeros
    public ulong RxBuffer;        // user address for what comes back; 0 discards it
    public uint Length;
    public uint SpeedHz;          // 0: the device's speed (SPI_IOC_WR_MAX_SPEED_HZ)
    public ushort DelayMicroseconds;
    public byte BitsPerWord;      // 0: the device's
    public byte ChipSelectChange;
    public byte TxLines;          // tx_nbits: 0 or 1 for plain single-wire SPI
    public byte RxLines;          // rx_nbits
    public byte WordDelayMicroseconds;
    public byte Padding;
}
