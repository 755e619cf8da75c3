using StageBox.Show.Import;

namespace StageBox.App.Commands;

/// <summary>
/// The import's progress on the terminal: a bar redrawn in place on a terminal, and, when the
/// output is a log or a pipe, a line at each stage, each new file and every tenth (after
/// <paramref name="linePrefix"/>, which tells the running box's import lines from the rest of its log).
/// </summary>
internal sealed class ImportProgressBar(TextWriter output, bool interactive, string linePrefix = "") : IProgress<ImportProgress>
{
    private const int Width = 30;
    private ImportProgress _last = new(ImportStage.Checking, -1);
    private bool _drawn;

    public void Report(ImportProgress value)
    {
        int percent = (int)(value.Fraction * 100);
        bool newLine = value.Stage != _last.Stage || value.File != _last.File || percent / 10 != (int)(_last.Fraction * 100) / 10;
        if (interactive && (newLine || percent != (int)(_last.Fraction * 100)))
        {
            int filled = (int)(value.Fraction * Width);
            output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value.Stage.Describe(),-10} {value.File}".PadRight(100)[..100]);
            _drawn = true;
        }
        else if (!interactive && newLine)
        {
            output.WriteLine($"{linePrefix}progress {percent}% {value.Stage.Describe()}{(value.File is null ? "" : " " + value.File)}");
        }
        _last = value;
    }

    /// <summary>Ends the bar's line so what follows starts on its own.</summary>
    public void Finish()
    {
        if (_drawn) output.WriteLine();
        _drawn = false;
    }
}
