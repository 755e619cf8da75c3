using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using StageBox.Hal.Gpio;

namespace StageBox.Tests.Hal.Gpio;

/// <summary>Decoding struct gpio_v2_line_event; a file of recorded events stands in for the line descriptor.</summary>
public sealed class LineEventReaderTests
{
    private static readonly uint[] Offsets = [12, 7];

    private static byte[] Event(ulong timestampNs, uint id, uint offset, uint sequence, uint lineSequence)
    {
        var bytes = new byte[48];
        bytes.AsSpan(24).Fill(0xAA); // the padding carries nothing
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, timestampNs);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), id);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), lineSequence);
        return bytes;
    }

    [Fact]
    public void Decodes_an_event_with_the_line_as_its_index_in_the_request()
    {
        GpioEdge edge = LineEventReader.Decode(Event(123_456_789_012, id: 2, offset: 7, sequence: 9, lineSequence: 4), Offsets);

        Assert.Equal(new GpioEdge(Line: 1, Rising: false, TimestampNanoseconds: 123_456_789_012, Sequence: 9, LineSequence: 4), edge);
        Assert.True(LineEventReader.Decode(Event(1, id: 1, offset: 12, 1, 1), Offsets).Rising);
    }

    [Fact]
    public void Reads_several_events_at_once_without_allocating()
    {
        using var directory = new TempDirectory();
        using LineRequest empty = Recorded(directory.File("none"), []);
        using LineRequest recorded = Recorded(directory.File("events"), [.. Event(100, 1, 12, 1, 1), .. Event(200, 1, 7, 2, 1), .. Event(300, 2, 12, 3, 2)]);
        var edges = new GpioEdge[4];
        new LineEventReader(empty, batchCapacity: 2).Read(edges, timeoutMs: 0); // binds poll and read before measuring
        var reader = new LineEventReader(recorded, batchCapacity: 2);
        int first = 0, second = 0;

        long allocated = Allocations.During(() =>
        {
            first = reader.Read(edges, timeoutMs: 0);
            second = reader.Read(edges.AsSpan(first), timeoutMs: 0);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2, first); // no more than the batch capacity per read
        Assert.Equal(1, second);
        Assert.Equal([0, 1, 0], edges[..3].Select(e => e.Line));
        Assert.Equal([100L, 200L, 300L], edges[..3].Select(e => e.TimestampNanoseconds));
        Assert.Equal([true, true, false], edges[..3].Select(e => e.Rising));
    }

    private static LineRequest Recorded(string path, byte[] events)
    {
        File.WriteAllBytes(path, events);
        return new LineRequest(File.OpenHandle(path), path, Offsets);
    }
}
