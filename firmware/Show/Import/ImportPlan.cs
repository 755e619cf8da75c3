using StageBox.Media.AudioFiles;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>An audio file the show uses, by its path inside the show folder, with what its header says.</summary>
public sealed record PlannedAudio(string RelativePath, AudioFileInfo Info);

/// <summary>
/// What an import will install, found by validating everything before anything is touched:
/// the show, the YAML files to copy byte for byte, the audio to convert. With any
/// <see cref="Errors"/> there is no plan to carry out, only the list of what is wrong.
/// </summary>
public sealed record ImportPlan(
    string SourceFolder,
    ShowDefinition? Show,
    IReadOnlyList<ShowError> Errors,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<string> TextFiles,
    IReadOnlyList<PlannedAudio> Audio)
{
    /// <summary>Audio files whose name says another format than their content (accepted: the content decides), for the report.</summary>
    public IReadOnlyList<string> Notes => Audio
        .Where(a => !AudioFormats.NameFits(a.RelativePath, a.Info.Format))
        .Select(a => $"{a.RelativePath}: its content is {AudioFormats.Name(a.Info.Format)}, whatever its name says; it is imported as {AudioFormats.Name(a.Info.Format)} "
            + $"(name it {Path.GetFileNameWithoutExtension(a.RelativePath)}{AudioFormats.Extensions(a.Info.Format)[0]} to avoid surprises)")
        .ToArray();

    public bool CanImport => Errors.Count == 0 && Show is not null;

    /// <summary>Bytes the converted show takes in the library at <paramref name="sampleRate"/> (32-bit float).</summary>
    public long LibraryBytes(int sampleRate) =>
        Audio.Sum(a => (a.Info.Frames * sampleRate + a.Info.SampleRate - 1) / a.Info.SampleRate * a.Info.Channels * sizeof(float) + 80)
        + TextFiles.Sum(f => new FileInfo(Path.Join(SourceFolder, f)).Length);

    /// <summary>Frames of source audio to decode, for progress.</summary>
    public long SourceFrames => Audio.Sum(a => a.Info.Frames);
}
