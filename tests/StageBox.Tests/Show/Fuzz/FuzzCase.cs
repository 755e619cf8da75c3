using System.Text;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>What every generated case tells about itself: its index in the run, what it spoils, and how.</summary>
internal interface IFuzzCase
{
    int Seed { get; }
    int Index { get; }
    string Target { get; }
    IReadOnlyList<string> Steps { get; }
}

/// <summary>
/// One generated input: the file it replaces, its bytes, and the steps that made them. Its
/// text is what a failure prints, so the case can be read, and regenerated from seed and index.
/// </summary>
internal sealed record FuzzCase(int Seed, int Index, string Target, byte[] Bytes, IReadOnlyList<string> Steps) : IFuzzCase
{
    private const int ShownBytes = 2_000;

    public override string ToString()
    {
        string content = Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, ShownBytes));
        return $"seed {Seed} case {Index} (run it alone: {FuzzSettings.RunAgain(Seed, Index)}), {Target} ({Bytes.Length} bytes) made by:\n  "
            + string.Join("\n  ", Steps)
            + $"\n--- content{(Bytes.Length > ShownBytes ? $", first {ShownBytes} bytes" : "")}, escaped ---\n"
            + string.Join("\n", content.Split('\n').Select(YamlMutator.Show));
    }
}

/// <summary>
/// The seed of a fuzz run: a new one each run, so the fuzz keeps trying cases it has not tried;
/// each test prints it first. STAGEBOX_FUZZ_SEED runs a seed again, and STAGEBOX_FUZZ_CASE only
/// the case a failure named; a failure prints the one command that does both. A crash that takes
/// the test host down (a stack overflow) cannot print its case: with STAGEBOX_FUZZ_TRACE=FILE each
/// case is named in FILE before it runs, so the file's last line names it.
/// </summary>
internal static class FuzzSettings
{
    private static readonly string? TracePath = Environment.GetEnvironmentVariable("STAGEBOX_FUZZ_TRACE");

    /// <summary>The seed the mutator's own tests (determinism, variety) use: any fixed one.</summary>
    public const int DefaultSeed = 271_828;

    /// <summary>This run's seed: STAGEBOX_FUZZ_SEED, or drawn once per test run.</summary>
    public static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("STAGEBOX_FUZZ_SEED"), out int seed) ? seed : Random.Shared.Next(1, int.MaxValue);

    /// <summary>Says which seed this run uses and how to run it again, before the run (a hang or a crash then still shows it).</summary>
    public static string Announce(int seed) => $"fuzz seed {seed}; to run this seed again: {RunAgain(seed, null)}";

    /// <summary>The command that runs <paramref name="seed"/> again, only case <paramref name="index"/> when given.</summary>
    public static string RunAgain(int seed, int? index) =>
        $"STAGEBOX_FUZZ_SEED={seed}{(index is int i ? $" STAGEBOX_FUZZ_CASE={i}" : "")} dotnet test tests/StageBox.Tests -c Release --filter FullyQualifiedName~StageBox.Tests.Show.Fuzz";

    /// <summary>The case indexes to run: 0 to <paramref name="count"/> - 1, or the one STAGEBOX_FUZZ_CASE names.</summary>
    public static IEnumerable<int> Indexes(int count) =>
        int.TryParse(Environment.GetEnvironmentVariable("STAGEBOX_FUZZ_CASE"), out int only) ? [only] : Enumerable.Range(0, count);

    public static void Trace(IFuzzCase fuzzCase)
    {
        if (TracePath is not null) File.AppendAllText(TracePath, $"{RunAgain(fuzzCase.Seed, fuzzCase.Index)}  # {fuzzCase.Target}: {string.Join("; ", fuzzCase.Steps)}\n");
    }

    /// <summary>The random stream of one case: independent of every other case, so any one can be run alone.</summary>
    public static Random CaseRandom(int seed, int index, int stream) => new(unchecked(seed * 1_000_003 + index * 7_919 + stream * 104_729));
}
