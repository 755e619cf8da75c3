namespace StageBox.Hal.Gpio;

/// <summary>Which internal resistor the kernel enables on an input line.</summary>
public enum GpioBias
{
    /// <summary>The request asks for none, so the line keeps whatever bias it has (an external resistor, say).</summary>
    None,
    PullUp,
    PullDown,
}

/// <summary>
/// One input line to request: its offset on the chip, bias, polarity and kernel debounce. With
/// <paramref name="ActiveLow"/> a switch to ground reads true when pressed and its press is a rising edge.
/// </summary>
public readonly record struct GpioInput(int Offset, GpioBias Bias = GpioBias.None, bool ActiveLow = false, int DebounceMicroseconds = 0);

/// <summary>One output line to request: its offset on the chip and the value it takes as soon as it is requested.</summary>
public readonly record struct GpioOutput(int Offset, bool InitialValue = false);

/// <summary>
/// One edge the kernel saw on a requested input line. <paramref name="Line"/> is the line's index
/// in the request, not its chip offset; <paramref name="TimestampNanoseconds"/> is on CLOCK_MONOTONIC;
/// <paramref name="Sequence"/> counts events across the request, <paramref name="LineSequence"/> on this line alone,
/// so a gap in either shows the kernel's event buffer overflowed.
/// </summary>
public readonly record struct GpioEdge(int Line, bool Rising, long TimestampNanoseconds, uint Sequence, uint LineSequence);
