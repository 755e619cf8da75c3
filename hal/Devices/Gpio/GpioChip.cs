using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using StageBox.Hal.Native;

namespace StageBox.Hal.Gpio;

/// <summary>An open GPIO character device (/dev/gpiochipN): what the kernel calls it, and line requests on it.</summary>
public sealed unsafe class GpioChip : IDisposable
{
    private const nuint GetChipInfoRequest = 0x8044B401; // GPIO_GET_CHIPINFO_IOCTL
    private const nuint GetLineRequest = 0xC250B407;     // GPIO_V2_GET_LINE_IOCTL
    // struct gpiochip_info: { char name[32]; char label[32]; u32 lines; }
    private const int ChipInfoSize = 68, NameLength = 32, LabelAt = 32, LineCountAt = 64;
    private const string Consumer = "stagebox"; // what gpioinfo shows as the lines' user

    private readonly SafeFileHandle _descriptor;

    public string Path { get; }
    /// <summary>The kernel's name for the chip, such as gpiochip0.</summary>
    public string Name { get; }
    /// <summary>The driver's label, stable across boots where the chip number is not (e.g. "pinctrl-bcm2711").</summary>
    public string Label { get; }
    public int LineCount { get; }

    private GpioChip(string path, SafeFileHandle descriptor)
    {
        Path = path;
        _descriptor = descriptor;
        byte* info = stackalloc byte[ChipInfoSize];
        if (Libc.IoControl(Descriptor, GetChipInfoRequest, info) < 0)
            throw GpioException.FromLastError(path, "reading chip info");
        var bytes = new ReadOnlySpan<byte>(info, ChipInfoSize);
        Name = CString(bytes[..NameLength]);
        Label = CString(bytes.Slice(LabelAt, NameLength));
        LineCount = MemoryMarshal.Read<int>(bytes[LineCountAt..]);
    }

    public static GpioChip Open(string path)
    {
        int descriptor = Libc.Open(path, Libc.OpenReadWrite | Libc.OpenCloseOnExec);
        if (descriptor < 0) throw GpioException.FromLastError(path, "open");
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            return new GpioChip(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The chip as the configuration names it: a device path (/dev/gpiochip0) or a driver label (pinctrl-bcm2711).</summary>
    public static GpioChip OpenPathOrLabel(string chip) => chip.StartsWith('/') ? Open(chip) : OpenByLabel(chip);

    /// <summary>The chip whose driver label is <paramref name="label"/>, found among /dev/gpiochip*.</summary>
    public static GpioChip OpenByLabel(string label)
    {
        string[] paths = Directory.Exists("/dev") ? Directory.GetFiles("/dev", "gpiochip*") : [];
        Array.Sort(paths, StringComparer.Ordinal);
        var others = new List<string>();
        foreach (string path in paths)
        {
            GpioChip chip = Open(path);
            if (chip.Label == label) return chip;
            others.Add($"{chip.Path} '{chip.Label}'");
            chip.Dispose();
        }
        string found = others.Count == 0 ? "there is no /dev/gpiochip*" : "found " + string.Join(", ", others);
        throw new GpioException($"no GPIO chip labelled '{label}' ({found})");
    }

    /// <param name="purpose">How the lines are being requested, for the error message.</param>
    internal LineRequest RequestLines(uint[] offsets, LineConfig config, string purpose)
    {
        byte* request = stackalloc byte[LineRequestLayout.Size];
        var bytes = new Span<byte>(request, LineRequestLayout.Size);
        LineRequestLayout.Write(bytes, offsets, Consumer, config, eventBufferSize: 0);
        if (Libc.IoControl(Descriptor, GetLineRequest, request) < 0)
            throw GpioException.FromLastError(Path, $"requesting lines {string.Join(",", offsets)} {purpose}");
        // The line request keeps its own reference to the chip in the kernel, so it outlives this descriptor.
        return new LineRequest(new SafeFileHandle(LineRequestLayout.ReadDescriptor(bytes), ownsHandle: true), Path, offsets);
    }

    public void Dispose() => _descriptor.Dispose();

    private int Descriptor => (int)_descriptor.DangerousGetHandle();

    private static string CString(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }
}
