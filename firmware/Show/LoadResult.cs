using System.Diagnostics.CodeAnalysis;
using StageBox.Show.Model;

namespace StageBox.Show;

/// <summary>What loading gave: the value when the files are sound, otherwise every problem
/// found (sorted by file, line and column) and no value at all.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<ShowError> Errors) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;
}
