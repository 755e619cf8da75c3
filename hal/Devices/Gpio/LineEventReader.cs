using System.Runtime.InteropServices;
using StageBox.Hal.Native;

namespace StageBox.Hal.Gpio;

/// <summary>
/// Waits for and decodes struct gpio_v2_line_event records from a line request's descriptor. The read
/// buffer is allocated once, so reading events allocates nothing.
/// </summary>
internal sealed unsafe class LineEventReader(LineRequest request, int batchCapacity)
{
    public const int EventSize = 48;
    // struct gpio_v2_line_event: { u64 timestamp_ns; u32 id; u32 offset; u32 seqno; u32 line_seqno; u32 padding[6]; }
    private const int IdAt = 8, OffsetAt = 12, SequenceAt = 16, LineSequenceAt = 20;
    private const uint RisingEdgeId = 1; // GPIO_V2_LINE_EVENT_RISING_EDGE; 2 is falling

    private readonly byte[] _buffer = new byte[EventSize * batchCapacity];

    /// <summary>
    /// Fills <paramref name="destination"/> with the edges that arrive within <paramref name="timeoutMs"/>
    /// (-1 waits for ever); returns how many, 0 on timeout or when a signal interrupted the wait.
    /// </summary>
    public int Read(Span<GpioEdge> destination, int timeoutMs)
    {
        var poll = new Libc.PollDescriptor { Descriptor = request.Descriptor, RequestedEvents = Libc.PollReadable };
        int ready = Libc.Poll(&poll, 1, timeoutMs);
        if (ready < 0 && Marshal.GetLastPInvokeError() == Libc.InterruptedError) return 0;
        if (ready < 0) throw GpioException.FromLastError(request.Chip, "waiting for edge events");
        if (ready == 0) return 0;

        int wanted = Math.Min(destination.Length, batchCapacity);
        nint bytes;
        fixed (byte* buffer = _buffer)
            bytes = Libc.Read(request.Descriptor, buffer, (nuint)(wanted * EventSize));
        if (bytes < 0) throw GpioException.FromLastError(request.Chip, "reading edge events");
        // The kernel only ever returns whole events.
        int count = (int)(bytes / EventSize);
        for (int index = 0; index < count; index++)
            destination[index] = Decode(_buffer.AsSpan(index * EventSize, EventSize), request.Offsets);
        return count;
    }

    /// <param name="offsets">The request's chip offsets, to turn the event's offset back into the line's index in the request.</param>
    public static GpioEdge Decode(ReadOnlySpan<byte> gpioEvent, ReadOnlySpan<uint> offsets) => new(
        Line: offsets.IndexOf(MemoryMarshal.Read<uint>(gpioEvent[OffsetAt..])),
        Rising: MemoryMarshal.Read<uint>(gpioEvent[IdAt..]) == RisingEdgeId,
        TimestampNanoseconds: MemoryMarshal.Read<long>(gpioEvent),
        Sequence: MemoryMarshal.Read<uint>(gpioEvent[SequenceAt..]),
        LineSequence: MemoryMarshal.Read<uint>(gpioEvent[LineSequenceAt..]));
}
