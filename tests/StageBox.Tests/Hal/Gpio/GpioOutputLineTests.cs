using StageBox.Hal.Gpio;

namespace StageBox.Tests.Hal.Gpio;

public sealed class GpioOutputLineTests
{
    private sealed class RecordingLines(int count) : IOutputLineSet
    {
        public List<(int Index, bool Value)> Sets { get; } = [];
        public int Count => count;
        public void Set(int index, bool value) => Sets.Add((index, value));
    }

    [Fact]
    public void Set_drives_its_own_line_of_the_request()
    {
        var lines = new RecordingLines(2);
        var reset = new GpioOutputLine(lines, 1);

        reset.Set(false);
        reset.Set(true);

        Assert.Equal([(1, false), (1, true)], lines.Sets);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_index_outside_the_request_is_refused(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpioOutputLine(new RecordingLines(2), index));
    }

    [Fact]
    public void Set_allocates_nothing()
    {
        var lines = new CountingLines();
        var dataCommand = new GpioOutputLine(lines, 0);
        dataCommand.Set(true);

        long allocated = StageBox.Tests.Hal.Allocations.During(() =>
        {
            for (int i = 0; i < 1000; i++) dataCommand.Set(i % 2 == 0);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1001, lines.Sets);
    }

    private sealed class CountingLines : IOutputLineSet
    {
        public int Sets { get; private set; }
        public int Count => 1;
        public void Set(int index, bool value) => Sets++;
    }
}
