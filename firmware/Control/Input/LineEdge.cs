namespace StageBox.Control.Input;

/// <summary>One edge on a GPIO line, as the kernel's character device reports it.</summary>
/// <param name="Line">The line offset on its chip.</param>
/// <param name="Level">The logical level after active-low: true = active (contact closed on a normally-open pedal).</param>
/// <param name="TimestampNanoseconds">The kernel's CLOCK_MONOTONIC timestamp of the edge.</param>
/// <param name="LineSequence">The kernel's per-line sequence number, 1 for the first event of a request; a gap means events were lost.</param>
public readonly record struct LineEdge(int Line, bool Level, long TimestampNanoseconds, uint LineSequence);
