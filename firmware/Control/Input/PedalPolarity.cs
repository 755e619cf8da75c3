namespace StageBox.Control.Input;

/// <summary>
/// Whether a pedal's contact is open or closed at rest. Read once at start-up with the pedal
/// untouched, so normally-closed pedals (common on guitar amp footswitches) work with no setting.
/// </summary>
public readonly record struct PedalPolarity(bool NormallyClosed)
{
    /// <summary>The polarity of a pedal whose line reads <paramref name="idleLevel"/> while nobody stands on it.</summary>
    public static PedalPolarity Detect(bool idleLevel) => new(NormallyClosed: idleLevel);

    /// <summary>True when the line's level means the pedal is pressed.</summary>
    public bool IsActive(bool level) => level != NormallyClosed;

    /// <summary>The edge as a pressed/released edge, ready for a <see cref="FootswitchDecoder"/>.</summary>
    public LineEdge Apply(LineEdge edge) => edge with { Level = IsActive(edge.Level) };
}
