namespace StageBox.Hal.Display;

/// <summary>
/// A write-only SPI device: /dev/spidevB.C on the box, the panel emulator on a PC. The driver
/// above it sends whole command and pixel runs; the device splits them into transfers as its bus allows.
/// </summary>
public interface ISpiDevice : IDisposable
{
    /// <summary>The clock the bus runs at, in hertz, as the device granted it.</summary>
    int ClockHz { get; }

    /// <summary>Sends <paramref name="bytes"/> in order, blocking until they are on the wire.</summary>
    void Write(ReadOnlySpan<byte> bytes);
}
