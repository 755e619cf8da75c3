namespace StageBox.Hal.Gpio;

/// <summary>Output lines requested together (the panel's D/C and reset, say), each driven on its own.</summary>
public sealed class GpioOutputLines : IDisposable, IOutputLineSet
{
    private readonly LineRequest _request;

    public GpioOutputLines(GpioChip chip, IReadOnlyList<GpioOutput> lines)
    {
        uint[] offsets = lines.Select(l => checked((uint)l.Offset)).ToArray();
        _request = chip.RequestLines(offsets, LineConfig.ForOutputs(lines), "as outputs");
    }

    public int Count => _request.Offsets.Length;

    /// <summary>Drives the line at <paramref name="index"/> in the request, leaving the others as they are. Allocates nothing.</summary>
    public void Set(int index, bool value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        ulong line = 1UL << index;
        _request.SetValues(value ? line : 0, line);
    }

    public void Dispose() => _request.Dispose();
}
