using Microsoft.Win32.SafeHandles;
using StageBox.Hal.Native;

namespace StageBox.Hal.Gpio;

/// <summary>
/// The file descriptor of one granted line request, and the value ioctls on it. Values and masks are
/// bit sets over the lines' indices in the request.
/// </summary>
internal sealed unsafe class LineRequest(SafeFileHandle descriptor, string chip, uint[] offsets) : IDisposable
{
    private const nuint GetValuesRequest = 0xC010B40E; // GPIO_V2_LINE_GET_VALUES_IOCTL
    private const nuint SetValuesRequest = 0xC010B40F; // GPIO_V2_LINE_SET_VALUES_IOCTL

    private struct LineValues // struct gpio_v2_line_values
    {
        public ulong Bits;
        public ulong Mask;
    }

    public string Chip { get; } = chip;
    public uint[] Offsets { get; } = offsets;
    public int Descriptor => (int)descriptor.DangerousGetHandle();

    public ulong GetValues(ulong mask)
    {
        var values = new LineValues { Mask = mask };
        if (Libc.IoControl(Descriptor, GetValuesRequest, &values) < 0)
            throw GpioException.FromLastError(Chip, $"reading lines {string.Join(",", Offsets)}");
        return values.Bits;
    }

    public void SetValues(ulong bits, ulong mask)
    {
        var values = new LineValues { Bits = bits, Mask = mask };
        if (Libc.IoControl(Descriptor, SetValuesRequest, &values) < 0)
            throw GpioException.FromLastError(Chip, $"setting lines {string.Join(",", Offsets)}");
    }

    public void Dispose() => descriptor.Dispose();
}
