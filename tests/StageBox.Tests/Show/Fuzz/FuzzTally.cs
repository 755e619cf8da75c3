using StageBox.Show;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>Counts what a fuzz run saw, so its output shows the run did what it claims: cases refused
/// and cases loaded, the slowest load and the most memory one took.</summary>
internal sealed class FuzzTally
{
    private int _loads;
    private int _loaded;
    private int _refused;
    private int _errors;
    private TimeSpan _loading;
    private readonly Dictionary<string, TimeSpan> _byKind = new(StringComparer.Ordinal);
    private (TimeSpan Elapsed, string Case) _slowest;
    private (long Bytes, string Case) _hungriest;

    public void Add<T>(IFuzzCase fuzzCase, Measured<LoadResult<T>> load) where T : class =>
        Add(fuzzCase, load.Value.Succeeded, load.Value.Errors.Count, load.Elapsed, load.AllocatedBytes);

    public void Add(IFuzzCase fuzzCase, bool loaded, int errors, TimeSpan elapsed, long allocatedBytes)
    {
        _loads++;
        if (loaded) _loaded++;
        else _refused++;
        _errors += errors;
        _loading += elapsed;
        foreach (string kind in fuzzCase.Steps.Select(s => s[..s.IndexOf(':')]).Distinct()) _byKind[kind] = _byKind.GetValueOrDefault(kind) + elapsed;
        string name = $"case {fuzzCase.Index} ({fuzzCase.Target}, {string.Join("; ", fuzzCase.Steps.Select(s => s.Length > 80 ? s[..80] + "..." : s))})";
        if (elapsed > _slowest.Elapsed) _slowest = (elapsed, name);
        if (allocatedBytes > _hungriest.Bytes) _hungriest = (allocatedBytes, name);
    }

    /// <summary>A run where everything loaded, or nothing did, has tested only half of the rules.</summary>
    public void CheckBothOutcomesSeen()
    {
        if (_loads > 100 && (_loaded == 0 || _refused == 0)) throw new FuzzFailure($"one-sided run: {this}");
    }

    public override string ToString() =>
        $"{_loads} loads ({_loading.TotalSeconds:F1} s), {_loaded} loaded and checked, {_refused} refused with {_errors} errors; "
        + "most time with " + string.Join(", ", _byKind.OrderByDescending(k => k.Value).Take(5).Select(k => $"{k.Key} {k.Value.TotalSeconds:F1}")) + "; "
        + $"slowest {_slowest.Elapsed.TotalMilliseconds:F0} ms: {_slowest.Case}; most memory {_hungriest.Bytes / (1 << 20)} MiB: {_hungriest.Case}";
}
