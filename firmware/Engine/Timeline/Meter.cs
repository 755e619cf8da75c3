namespace StageBox.Engine.Timeline;

/// <summary>
/// A time signature: <see cref="Numerator"/> beats of the <see cref="Denominator"/> note per bar,
/// with beat groups (7/8 as 2+2+3) whose starts get a lighter accent.
/// </summary>
public sealed class Meter : IEquatable<Meter>
{
    public static readonly int[] ValidDenominators = [1, 2, 4, 8, 16, 32];
    public const int MaxNumerator = 64;

    public static readonly Meter CommonTime = new(4, 4);

    public int Numerator { get; }
    public int Denominator { get; }
    public IReadOnlyList<int> Groups { get; }
    private readonly bool[] _groupStarts;

    /// <param name="groups">Beat groups summing to the numerator; null for the default
    /// (threes for compound meters such as 6/8, 9/8, 12/8; none otherwise).</param>
    public Meter(int numerator, int denominator, IReadOnlyList<int>? groups = null)
    {
        if (numerator < 1 || numerator > MaxNumerator)
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, $"a meter has 1 to {MaxNumerator} beats");
        if (Array.IndexOf(ValidDenominators, denominator) < 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "the note value must be 1, 2, 4, 8, 16 or 32");
        groups ??= DefaultGroups(numerator, denominator);
        if (groups.Count > 0 && (groups.Sum() != numerator || groups.Any(g => g < 1)))
            throw new ArgumentException($"groups [{string.Join(", ", groups)}] must be positive and add up to {numerator}", nameof(groups));
        Numerator = numerator;
        Denominator = denominator;
        Groups = groups.ToArray();
        _groupStarts = new bool[numerator];
        int start = 0;
        foreach (int g in groups)
        {
            _groupStarts[start] = true;
            start += g;
        }
    }

    /// <summary>Length of one beat (one denominator note) in quarter notes.</summary>
    public double QuartersPerBeat => 4.0 / Denominator;

    public double QuartersPerBar => Numerator * QuartersPerBeat;

    /// <summary>True when the 0-based beat starts a group (beat 0 included when groups are set).</summary>
    public bool IsGroupStart(int beatIndex) => _groupStarts[beatIndex];

    /// <summary>Compound meters (6/8, 9/8, 12/8, 6/16...) group in threes, as musicians count them.</summary>
    public static IReadOnlyList<int> DefaultGroups(int numerator, int denominator) =>
        denominator >= 8 && numerator > 3 && numerator % 3 == 0
            ? Enumerable.Repeat(3, numerator / 3).ToArray()
            : [];

    public bool Equals(Meter? other) =>
        other is not null && Numerator == other.Numerator && Denominator == other.Denominator && Groups.SequenceEqual(other.Groups);

    public override bool Equals(object? obj) => Equals(obj as Meter);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator, Groups.Count);

    public override string ToString() =>
        Groups.Count > 1 ? $"{Numerator}/{Denominator} ({string.Join("+", Groups)})" : $"{Numerator}/{Denominator}";
}
