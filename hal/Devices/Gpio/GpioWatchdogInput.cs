namespace StageBox.Hal.Gpio;

/// <summary>
/// The watchdog line from the peer box on a GPIO input: both edges, timestamped by the kernel
/// on CLOCK_MONOTONIC, taken without waiting.
/// </summary>
public sealed class GpioWatchdogInput(GpioChip chip, int offset) : IWatchdogInput
{
    private readonly GpioInputLines _line = new(chip, [new GpioInput(offset)]);
    private readonly GpioEdge[] _edges = new GpioEdge[16];
    private long _latest;

    public long LatestEdgeNanoseconds()
    {
        int count;
        while ((count = _line.ReadEvents(_edges, timeoutMs: 0)) > 0) _latest = Math.Max(_latest, _edges[count - 1].TimestampNanoseconds);
        return _latest;
    }

    public void Dispose() => _line.Dispose();
}
