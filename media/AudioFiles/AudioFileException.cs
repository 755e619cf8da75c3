using StageBox.Hal;

namespace StageBox.Media.AudioFiles;

/// <summary>An audio file that cannot be opened or decoded; the message names the file and the fault.</summary>
public sealed class AudioFileException(string path, string problem)
    : UserFacingException($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
