using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>
/// How an import ended: the generation it installed, or every problem that stopped it (and then
/// the library is as it was). <see cref="SongSeconds"/> is the installed music's length, for the
/// import's speed as a multiple of real time. <see cref="Notes"/> are things worth knowing that
/// did not stop it, such as a FLAC file named .wav.
/// </summary>
public sealed record ImportResult(string Source, string? Generation, IReadOnlyList<ShowError> Errors, IReadOnlyList<string> Skipped, int Songs, double SongSeconds, TimeSpan Took)
{
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Succeeded => Generation is not null;
    public double RealTimeMultiple => SongSeconds / Math.Max(Took.TotalSeconds, 1e-3);
}
