using System.Runtime.InteropServices;

namespace StageBox.Hal.Gpio;

/// <summary>A GPIO operation that failed, naming the chip, what was being done and why.</summary>
public sealed class GpioException(string message) : UserFacingException(message)
{
    /// <summary>The failure of the libc call just made, in the kernel's words (errno text).</summary>
    internal static GpioException FromLastError(string chip, string action)
    {
        int error = Marshal.GetLastPInvokeError();
        return new GpioException($"GPIO chip '{chip}': {action} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
    }
}
