using System.Buffers.Binary;
using System.Text;
using StageBox.Hal.Gpio;

namespace StageBox.Tests.Hal.Gpio;

/// <summary>struct gpio_v2_line_request as Linux 6.x lays it out, checked byte for byte.</summary>
public sealed class LineRequestLayoutTests
{
    [Fact]
    public void Writes_offsets_consumer_config_attributes_and_counts_at_the_kernels_offsets()
    {
        var config = LineConfig.ForInputs([
            new GpioInput(3, GpioBias.PullUp, ActiveLow: true, DebounceMicroseconds: 5000),
            new GpioInput(17, GpioBias.PullUp, ActiveLow: true),
            new GpioInput(4, GpioBias.PullDown, DebounceMicroseconds: 5000),
        ]);
        var request = new byte[LineRequestLayout.Size];
        request.AsSpan().Fill(0xEE); // stale bytes must not leak into the request

        LineRequestLayout.Write(request, [3, 17, 4], "stagebox", config, eventBufferSize: 32);

        var expected = new byte[592];
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(0), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(4), 17);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(8), 4);
        Encoding.ASCII.GetBytes("stagebox").CopyTo(expected, 256);
        const ulong inputBothEdges = 1 << 2 | 1 << 4 | 1 << 5;
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(288), inputBothEdges | 1 << 1 | 1 << 8); // config.flags: the commonest
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(296), 2); // num_attrs
        // attrs[0] at 320: FLAGS for line index 2 (pull-down, active-high)
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(320), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(328), inputBothEdges | 1 << 9);
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(336), 0b100);
        // attrs[1] at 344: DEBOUNCE 5000 us for line indices 0 and 2
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(344), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(352), 5000);
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(360), 0b101);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(560), 3); // num_lines
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(564), 32); // event_buffer_size
        Assert.Equal(expected, request);
    }

    [Fact]
    public void Outputs_carry_their_initial_values_for_every_line()
    {
        var config = LineConfig.ForOutputs([new GpioOutput(5), new GpioOutput(6, InitialValue: true), new GpioOutput(7, InitialValue: true)]);
        var request = new byte[LineRequestLayout.Size];

        LineRequestLayout.Write(request, [5, 6, 7], "stagebox", config, eventBufferSize: 0);

        Assert.Equal(1UL << 3, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(288))); // OUTPUT
        Assert.Equal(1U, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(296)));
        Assert.Equal(2U, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(320))); // OUTPUT_VALUES
        Assert.Equal(0b110UL, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(328)));
        Assert.Equal(0b111UL, BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(336)));
    }

    [Fact]
    public void Lines_that_are_all_alike_need_no_attribute()
    {
        var config = LineConfig.ForInputs([new GpioInput(0, GpioBias.PullUp, ActiveLow: true), new GpioInput(1, GpioBias.PullUp, ActiveLow: true)]);

        Assert.Equal(1UL << 1 | 1 << 2 | 1 << 4 | 1 << 5 | 1 << 8, config.Flags);
        Assert.Empty(config.Attributes);
    }

    [Fact]
    public void A_consumer_name_too_long_for_the_field_is_cut_to_keep_its_terminating_nul()
    {
        var request = new byte[LineRequestLayout.Size];

        LineRequestLayout.Write(request, [0], new string('x', 40), LineConfig.ForInputs([new GpioInput(0)]), 0);

        Assert.Equal(new string('x', 31), Encoding.ASCII.GetString(request, 256, 31));
        Assert.Equal(0, request[256 + 31]);
    }

    [Fact]
    public void Reads_the_descriptor_the_kernel_writes_back_at_588()
    {
        var request = new byte[LineRequestLayout.Size];
        BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(588), 42);

        Assert.Equal(42, LineRequestLayout.ReadDescriptor(request));
    }

    [Fact]
    public void More_distinct_settings_than_ten_attributes_is_refused_before_the_kernel_sees_it()
    {
        GpioInput[] lines = Enumerable.Range(0, 12).Select(i => new GpioInput(i, DebounceMicroseconds: 1000 * (i + 1))).ToArray();

        var error = Assert.Throws<ArgumentException>(() => LineConfig.ForInputs(lines));
        Assert.Contains("at most 10 line attributes", error.Message);
    }
}
