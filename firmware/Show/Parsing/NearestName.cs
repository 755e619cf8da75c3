namespace StageBox.Show.Parsing;

/// <summary>Finds the known name a user most likely meant when they mistyped one (in show files and stagebox.yaml).</summary>
public static class NearestName
{
    private const int MaxListed = 12;

    /// <summary>"did you mean 'x'?" when a candidate is close, else the choices (the first few of a long list).</summary>
    public static string Suggest(string typed, IReadOnlyCollection<string> candidates, string listName)
    {
        string? nearest = Find(typed, candidates);
        if (nearest is not null) return $"did you mean '{nearest}'?";
        if (candidates.Count == 0) return $"there are no {listName}";
        string more = candidates.Count > MaxListed ? $" and {candidates.Count - MaxListed} more" : "";
        return $"{listName}: {string.Join(", ", candidates.Take(MaxListed))}{more}";
    }

    /// <summary>The closest candidate by edit distance (ignoring case), or null when none is close
    /// enough to be a plausible typo; an abbreviation always counts as close.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        int tolerance = Tolerance(typed);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            // The distance is at least the difference in length; skipping hopeless candidates
            // also keeps a megabyte-long name from a hostile file from costing seconds.
            bool abbreviation = IsAbbreviation(typed, candidate);
            if (!abbreviation && Math.Abs(typed.Length - candidate.Length) > tolerance) continue;
            int distance = abbreviation ? 0 : EditDistance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= tolerance ? best : null;
    }

    /// <summary>Short words tolerate one slip; longer ones one per three letters or part of it.</summary>
    private static int Tolerance(string typed) => typed.Length <= 3 ? 1 : Math.Max(2, (typed.Length + 2) / 3);

    /// <summary>One word starting with the other: "gain" for "gain_db", "ending" for "end".</summary>
    private static bool IsAbbreviation(string typed, string candidate) =>
        Math.Min(typed.Length, candidate.Length) >= 3
        && (candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || typed.StartsWith(candidate, StringComparison.OrdinalIgnoreCase));

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and
    /// swaps of two neighbours ("titel") each cost one, as typing slips do.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
