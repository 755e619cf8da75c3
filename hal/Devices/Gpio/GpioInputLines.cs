namespace StageBox.Hal.Gpio;

/// <summary>
/// Input lines requested together, with both edges timestamped by the kernel on one descriptor, so one
/// thread can wait on every footswitch and the encoder at once.
/// </summary>
public sealed class GpioInputLines : IDisposable
{
    private readonly LineRequest _request;
    private readonly LineEventReader _events;

    /// <param name="eventBatchCapacity">The most edges one <see cref="ReadEvents"/> call takes from the kernel.</param>
    public GpioInputLines(GpioChip chip, IReadOnlyList<GpioInput> lines, int eventBatchCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBatchCapacity, 1);
        uint[] offsets = lines.Select(l => checked((uint)l.Offset)).ToArray();
        _request = chip.RequestLines(offsets, LineConfig.ForInputs(lines), "as inputs");
        _events = new LineEventReader(_request, eventBatchCapacity);
    }

    public int Count => _request.Offsets.Length;

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (-1: for ever) for edges and stores them in <paramref name="destination"/>
    /// in the order they happened; returns how many, 0 on timeout. Allocates nothing.
    /// </summary>
    public int ReadEvents(Span<GpioEdge> destination, int timeoutMs) => _events.Read(destination, timeoutMs);

    /// <summary>Each line's current (active-low adjusted) value, by index in the request: the idle levels at start-up.</summary>
    public bool[] ReadValues()
    {
        ulong all = Count == 64 ? ulong.MaxValue : (1UL << Count) - 1;
        ulong bits = _request.GetValues(all);
        return Enumerable.Range(0, Count).Select(index => (bits >> index & 1) != 0).ToArray();
    }

    public void Dispose() => _request.Dispose();
}
