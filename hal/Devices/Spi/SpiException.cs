using System.Runtime.InteropServices;

namespace StageBox.Hal.Spi;

/// <summary>An SPI operation that failed, naming the device, what was being done and why.</summary>
public sealed class SpiException(string message) : UserFacingException(message)
{
    /// <summary>The failure of the libc call just made, in the kernel's words (errno text).</summary>
    internal static SpiException FromLastError(string device, string action)
    {
        int error = Marshal.GetLastPInvokeError();
        return new SpiException($"SPI device '{device}': {action} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
    }
}
