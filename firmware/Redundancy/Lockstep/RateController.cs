namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Steers the standby's resampling ratio from its offset to the live box: a PI loop tuned
/// critically damped at 0.2 Hz. The integral settles on the two crystals' difference (tens of
/// ppm), the proportional term pulls the offset back; the ratio moves at most
/// <see cref="MaxCorrection"/> from 1, a pitch change of under 2 cents, inaudible.
/// </summary>
public sealed class RateController(int sampleRate)
{
    public const double MaxCorrection = 1e-3;
    private const double NaturalHz = 0.2;
    private const double Damping = 1.0;
    private readonly double _kp = 2 * Damping * (2 * Math.PI * NaturalHz) / sampleRate;
    private readonly double _ki = Math.Pow(2 * Math.PI * NaturalHz, 2) / sampleRate;
    private double _integral;

    /// <summary>The ratio for an offset of <paramref name="offsetFrames"/> (positive: this box is ahead), <paramref name="seconds"/> after the last update.</summary>
    public double Update(double offsetFrames, double seconds)
    {
        seconds = Math.Clamp(seconds, 0, 0.1);
        double integral = _integral + offsetFrames * seconds;
        double correction = -(_kp * offsetFrames + _ki * integral);
        // No wind-up: the integral only moves while the ratio is within its bounds.
        if (Math.Abs(correction) < MaxCorrection) _integral = integral;
        return 1 + Math.Clamp(correction, -MaxCorrection, MaxCorrection);
    }

    /// <summary>The ratio the integral alone gives: the clock difference learned so far, kept across a re-alignment.</summary>
    public double Steady => 1 + Math.Clamp(-_ki * _integral, -MaxCorrection, MaxCorrection);
}
