using StageBox.App.StickImport;
using StageBox.Show.Import;

namespace StageBox.App.Commands;

/// <summary>
/// The import's progress for the running box that started it (<c>--progress-lines</c>): a
/// <see cref="ImportStatusLines.Progress"/> line at each stage, each file and each whole percent.
/// </summary>
internal sealed class ImportProgressLines(TextWriter output) : IProgress<ImportProgress>
{
    private ImportProgress? _last;

    public void Report(ImportProgress value)
    {
        if (_last is ImportProgress last && last.Stage == value.Stage && last.File == value.File && (int)(last.Fraction * 100) == (int)(value.Fraction * 100))
            return;
        output.WriteLine(ImportStatusLines.Progress(value));
        _last = value;
    }
}
