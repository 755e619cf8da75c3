namespace StageBox.Control.Input;

/// <param name="StepsPerDetent">Gray-code steps from one click of the knob to the next: 4 for most mechanical
/// encoders, 2 or 1 for others.</param>
/// <param name="Accelerate">Whether fast turns move further per detent (see <see cref="QuadratureDecoder"/>).</param>
public sealed record EncoderSettings(int StepsPerDetent = 4, bool Accelerate = false);

/// <param name="Detents">+1 per detent clockwise, -1 counter-clockwise, times the acceleration.</param>
/// <param name="TimestampNanoseconds">The kernel timestamp of the edge that completed the detent.</param>
public readonly record struct EncoderStep(int Detents, long TimestampNanoseconds);
