using StageBox.Hal.Display;

namespace StageBox.Hal.Gpio;

/// <summary>
/// One line of a <see cref="GpioOutputLines"/> request as an <see cref="IDigitalOutput"/>: the
/// panel's D/C or reset pin. Set drives the electrical level (high = true) and allocates nothing.
/// The request is shared and owned by whoever made it; disposing it ends this line too.
/// </summary>
public sealed class GpioOutputLine : IDigitalOutput
{
    private readonly IOutputLineSet _lines;
    private readonly int _index;

    /// <param name="index">The line's position in the request, not its offset on the chip.</param>
    public GpioOutputLine(GpioOutputLines lines, int index) : this((IOutputLineSet)lines, index)
    {
    }

    internal GpioOutputLine(IOutputLineSet lines, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, lines.Count);
        _lines = lines;
        _index = index;
    }

    public void Set(bool high) => _lines.Set(_index, high);
}
