using Microsoft.Win32.SafeHandles;
using StageBox.Hal.Display;
using StageBox.Hal.Native;

namespace StageBox.Hal.Spi;

/// <summary>
/// A Linux spidev device (/dev/spidevB.C), write-only as a panel needs it: configured once by
/// ioctl, then each <see cref="Write"/> goes out as SPI_IOC_MESSAGE transfers. Not thread-safe:
/// one driver owns the bus.
/// </summary>
public sealed unsafe class SpiDevice : ISpiDevice
{
    /// <summary>
    /// The most bytes one transfer carries. spidev copies every message through a bounce buffer of
    /// its `bufsiz` module parameter, 4096 bytes by default, and refuses a larger one with EMSGSIZE;
    /// a board could raise it, but the firmware must not depend on that.
    /// </summary>
    public const int MaxTransferBytes = 4096;

    private static readonly nuint MessageOfOne = SpiRequests.Message(1);

    private readonly SafeFileHandle _descriptor;

    public string Path { get; }
    public SpiMode Mode { get; }
    public int BitsPerWord { get; }

    /// <summary>
    /// The clock as the driver reports it after the request. Linux 6.1's spidev reports the speed
    /// asked for even where the controller clocks lower (the SPI core clamps each transfer to the
    /// controller's maximum), so on such kernels this is an upper bound.
    /// </summary>
    public int ClockHz { get; }

    private SpiDevice(string path, SafeFileHandle descriptor, SpiMode mode, int bitsPerWord, int clockHz)
    {
        Path = path;
        _descriptor = descriptor;
        Mode = mode;
        BitsPerWord = bitsPerWord;
        ClockHz = clockHz;
    }

    /// <summary>Opens /dev/spidev<paramref name="bus"/>.<paramref name="chipSelect"/> and configures it.</summary>
    public static SpiDevice Open(int bus, int chipSelect, SpiMode mode, int bitsPerWord, int clockHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfNegative(chipSelect);
        return Open($"/dev/spidev{bus}.{chipSelect}", mode, bitsPerWord, clockHz);
    }

    /// <summary>Opens the spidev node at <paramref name="path"/>; the bus and chip select are in its name.</summary>
    internal static SpiDevice Open(string path, SpiMode mode, int bitsPerWord, int clockHz)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "SPI mode 0 to 3");
        ArgumentOutOfRangeException.ThrowIfLessThan(bitsPerWord, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitsPerWord, 32);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockHz);

        int descriptor = Libc.Open(path, Libc.OpenReadWrite | Libc.OpenCloseOnExec);
        if (descriptor < 0) throw SpiException.FromLastError(path, "open");
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            byte grantedMode = Configure(descriptor, path, SpiRequests.WriteMode, SpiRequests.ReadMode, (byte)mode, $"setting mode {(int)mode}");
            byte grantedBits = Configure(descriptor, path, SpiRequests.WriteBitsPerWord, SpiRequests.ReadBitsPerWord, (byte)bitsPerWord, $"setting {bitsPerWord} bits per word");
            uint grantedClock = Configure(descriptor, path, SpiRequests.WriteMaxSpeedHz, SpiRequests.ReadMaxSpeedHz, (uint)clockHz, $"setting the clock to {clockHz} Hz");
            // The read-back mode also carries flags the board may set (CS_HIGH, 3-wire...); the SPI mode is its two low bits.
            return new SpiDevice(path, handle, (SpiMode)(grantedMode & 3), grantedBits, checked((int)grantedClock));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="bytes"/> in transfers of at most <see cref="MaxTransferBytes"/>. Allocates nothing.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_descriptor.IsClosed, this);
        int descriptor = (int)_descriptor.DangerousGetHandle();
        // On the stack, reused for every chunk; all other fields stay 0: the device's speed and word size, no delays.
        SpiTransfer transfer = default;
        fixed (byte* start = bytes)
        {
            for (int offset = 0; offset < bytes.Length; offset += MaxTransferBytes)
            {
                int length = Math.Min(MaxTransferBytes, bytes.Length - offset);
                transfer.TxBuffer = (ulong)(start + offset);
                transfer.Length = (uint)length;
                if (Libc.IoControl(descriptor, MessageOfOne, &transfer) < 0)
                    throw SpiException.FromLastError(Path, $"writing bytes {offset}-{offset + length - 1} of {bytes.Length}");
            }
        }
    }

    public void Dispose() => _descriptor.Dispose();

    /// <summary>Writes one setting and reads back what the driver kept.</summary>
    private static T Configure<T>(int descriptor, string path, nuint write, nuint read, T value, string action) where T : unmanaged
    {
        if (Libc.IoControl(descriptor, write, &value) < 0) throw SpiException.FromLastError(path, action);
        T granted = default;
        if (Libc.IoControl(descriptor, read, &granted) < 0) throw SpiException.FromLastError(path, $"{action} (reading it back)");
        return granted;
    }
}
