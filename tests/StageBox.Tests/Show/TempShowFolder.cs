using StageBox.Tests.Hal;

namespace StageBox.Tests.Show;

/// <summary>A show folder in a fresh temporary directory, removed when the test ends.</summary>
internal sealed class TempShowFolder : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Root => _directory.Path;

    public string PathOf(string relativePath) => Path.Join(Root, relativePath);

    public TempShowFolder Text(string relativePath, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relativePath))!);
        File.WriteAllText(PathOf(relativePath), text);
        return this;
    }

    public TempShowFolder Wav(string relativePath, int channels, int frames = TestWav.DefaultFrames, int sampleRate = TestWav.SampleRate)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relativePath))!);
        TestWav.Write(PathOf(relativePath), channels, frames, sampleRate);
        return this;
    }

    public TempShowFolder Link(string relativePath, string target)
    {
        File.CreateSymbolicLink(PathOf(relativePath), target);
        return this;
    }

    public void Dispose() => _directory.Dispose();
}
