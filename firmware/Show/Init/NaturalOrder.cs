namespace StageBox.Show.Init;

/// <summary>
/// File and folder names in the order a person expects: runs of digits compare as numbers, so
/// "2 Bass" comes before "10 Pads" (DAW exports number their tracks, not always with zeros);
/// letters compare without case. Names equal that way fall back to ordinal order, so the order
/// never depends on the file system's listing.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            int order = char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j])
                ? CompareNumbers(x, ref i, y, ref j)
                : char.ToUpperInvariant(x[i++]).CompareTo(char.ToUpperInvariant(y[j++]));
            if (order != 0) return order;
        }
        int byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    /// <summary>Compares the digit runs at i and j by value (any length: no overflow), moving past them.</summary>
    private static int CompareNumbers(string x, ref int i, string y, ref int j)
    {
        ReadOnlySpan<char> a = DigitRun(x, ref i).TrimStart('0'), b = DigitRun(y, ref j).TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }

    private static ReadOnlySpan<char> DigitRun(string s, ref int index)
    {
        int start = index;
        while (index < s.Length && char.IsAsciiDigit(s[index])) index++;
        return s.AsSpan(start, index - start);
    }
}
