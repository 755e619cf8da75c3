using System.Runtime.InteropServices;
using System.Text;

namespace StageBox.Hal.Gpio;

/// <summary>
/// The bytes of struct gpio_v2_line_request (592 bytes, GPIO_V2_GET_LINE_IOCTL), written field by field at
/// the kernel's offsets rather than through a C# struct, so the layout is visible and testable here.
/// </summary>
internal static class LineRequestLayout
{
    public const int Size = 592;
    private const int OffsetsAt = 0;
    private const int ConsumerAt = 256, ConsumerLength = 32;
    private const int ConfigFlagsAt = 288, AttributeCountAt = 296, AttributesAt = 320;
    // gpio_v2_line_config_attribute: { u32 id; u32 padding; union { u64 flags; u64 values; u32 debounce_period_us; }; u64 mask; }
    private const int AttributeSize = 24, AttributeValueAt = 8, AttributeMaskAt = 16;
    private const int LineCountAt = 560, EventBufferSizeAt = 564, DescriptorAt = 588;

    /// <param name="eventBufferSize">Events the kernel queues before dropping; 0 for its default of 16 per line.</param>
    public static void Write(Span<byte> request, ReadOnlySpan<uint> offsets, string consumer, LineConfig config, uint eventBufferSize)
    {
        request[..Size].Clear();
        for (int index = 0; index < offsets.Length; index++)
            Put(request, OffsetsAt + 4 * index, offsets[index]);
        // One byte short of the field, so the name always ends in the NUL the kernel expects.
        Encoding.ASCII.GetBytes(consumer.AsSpan(0, Math.Min(consumer.Length, ConsumerLength - 1)), request[ConsumerAt..]);
        Put(request, ConfigFlagsAt, config.Flags);
        Put(request, AttributeCountAt, (uint)config.Attributes.Count);
        for (int index = 0; index < config.Attributes.Count; index++)
        {
            LineAttribute attribute = config.Attributes[index];
            int at = AttributesAt + AttributeSize * index;
            Put(request, at, attribute.Id);
            // The union's debounce member is the low 32 bits of the 64-bit slot on little-endian machines, so one write serves all three.
            Put(request, at + AttributeValueAt, attribute.Value);
            Put(request, at + AttributeMaskAt, attribute.Mask);
        }
        Put(request, LineCountAt, (uint)offsets.Length);
        Put(request, EventBufferSizeAt, eventBufferSize);
    }

    /// <summary>The line request's file descriptor, which the kernel writes back into the request.</summary>
    public static int ReadDescriptor(ReadOnlySpan<byte> request) => MemoryMarshal.Read<int>(request[DescriptorAt..]);

    private static void Put<T>(Span<byte> request, int at, T value) where T : unmanaged => MemoryMarshal.Write(request[at..], in value);
}
