namespace StageBox.Tests.Show.Fuzz;

/// <summary>The parser fuzz cases: one of the corpus files, spoilt by one to four mutations.</summary>
internal static class YamlCases
{
    private const int Stream = 1;

    public static readonly string[] Targets = FuzzCorpus.Files.Keys.Order(StringComparer.Ordinal).ToArray();

    private static readonly YamlMutator Mutator = new(Targets.Select(t => FuzzCorpus.Files[t]).ToArray());

    /// <summary>Songs twice as often as setlists: they have far more to parse, and a setlist case loads the whole show.</summary>
    private static readonly string[] Draws = Targets.SelectMany(t => t.StartsWith("songs/", StringComparison.Ordinal) ? new[] { t, t } : [t]).ToArray();

    public static FuzzCase Make(int seed, int index)
    {
        Random random = FuzzSettings.CaseRandom(seed, index, Stream);
        string target = Draws[random.Next(Draws.Length)];
        (byte[] bytes, IReadOnlyList<string> steps) = Mutator.Mutate(random, FuzzCorpus.Files[target], random.Next(1, 5));
        return new FuzzCase(seed, index, target, bytes, steps);
    }
}
