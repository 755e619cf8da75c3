using System.Globalization;
using StageBox.Show.Import;
using StageBox.Show.Model;

namespace StageBox.App.StickImport;

/// <summary>
/// What <c>stagebox import --progress-lines</c> writes for the running box that started it,
/// besides the report a person reads: <c>progress STAGE FRACTION [FILE]</c> as it goes, then a
/// <c>problem WHERE: error: WHAT</c> line for each problem, or <c>installed GENERATION</c>.
/// </summary>
internal static class ImportStatusLines
{
    private const string ProgressWord = "progress ", ProblemWord = "problem ", InstalledWord = "installed ";

    public static string Progress(ImportProgress progress) =>
        $"{ProgressWord}{progress.Stage.ToString().ToLowerInvariant()} {progress.Fraction.ToString("0.000", CultureInfo.InvariantCulture)}{(progress.File is null ? "" : " " + progress.File)}";

    public static string Problem(ShowError error) => ProblemWord + error;

    public static string Installed(string generation) => InstalledWord + generation;

    public static bool TryParseProgress(string line, out ImportProgress progress)
    {
        progress = default;
        if (!line.StartsWith(ProgressWord, StringComparison.Ordinal)) return false;
        string[] parts = line[ProgressWord.Length..].Split(' ', 3);
        if (parts.Length < 2
            || !Enum.TryParse(parts[0], ignoreCase: true, out ImportStage stage) || !Enum.IsDefined(stage) || int.TryParse(parts[0], out _)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
            return false;
        progress = new ImportProgress(stage, fraction, parts.Length == 3 ? parts[2] : null);
        return true;
    }

    /// <summary>The problem a <c>problem</c> line names; null for any other line.</summary>
    public static string? ProblemIn(string line) => line.StartsWith(ProblemWord, StringComparison.Ordinal) ? line[ProblemWord.Length..] : null;

    /// <summary>The generation an <c>installed</c> line names; null for any other line.</summary>
    public static string? GenerationIn(string line) =>
        line.StartsWith(InstalledWord, StringComparison.Ordinal) && line.Length > InstalledWord.Length && line.IndexOf(' ', InstalledWord.Length) < 0
            ? line[InstalledWord.Length..]
            : null;
}
