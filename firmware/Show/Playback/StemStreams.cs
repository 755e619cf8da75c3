using StageBox.Engine.Streaming;
using StageBox.Hal.AudioFiles;

namespace StageBox.Show.Playback;

/// <summary>
/// The stems a box plays from disk rather than memory: every stem stored as 32-bit float WAV at
/// the device's rate (all of the library's are), one <see cref="StreamedClip"/> per file. The
/// song preparer asks here first; <see cref="StemReadAhead"/> keeps the clips fed.
/// </summary>
public sealed class StemStreams(int sampleRate)
{
    private readonly Dictionary<string, StreamedStem> _stems = new(StringComparer.Ordinal);

    public int SampleRate { get; } = sampleRate;

    public IReadOnlyCollection<StreamedStem> Stems => _stems.Values;

    /// <summary>A clip streaming <paramref name="path"/>, or null when the file must be decoded into memory instead.</summary>
    public StreamedClip? TryOpen(string path)
    {
        if (_stems.TryGetValue(path, out StreamedStem? known)) return known.Clip;
        if (FloatWavLayout.Read(path) is not { } layout || layout.SampleRate != SampleRate) return null;
        var stem = new StreamedStem(path, layout, new StreamedClip(Path.GetFileName(path), layout.Channels, layout.Frames));
        _stems[path] = stem;
        return stem.Clip;
    }
}

/// <summary>A streamed clip and the file its blocks come from.</summary>
public sealed record StreamedStem(string Path, FloatWavLayout Layout, StreamedClip Clip);
