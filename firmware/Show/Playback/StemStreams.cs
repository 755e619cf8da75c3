using StageBox.Engine.Streaming;
using StageBox.Media.AudioFiles;

namespace StageBox.Show.Playback;

/// <summary>
/// The stems a box plays from disk rather than memory: every stem stored as 32-bit float WAV at
/// the device's rate (all of the library's are), one <see cref="StreamedClip"/> per file. The
/// song preparer asks here first (at start, and on the stick thread for a newly imported show);
/// <see cref="StemReadAhead"/> keeps the clips fed. Never used by the audio thread, so it locks.
/// </summary>
public sealed class StemStreams(int sampleRate)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StreamedStem> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<StreamedClip, StreamedStem> _byClip = [];

    public int SampleRate { get; } = sampleRate;

    public int Count
    {
        get { lock (_lock) return _byPath.Count; }
    }

    /// <summary>A clip streaming <paramref name="path"/>, or null when the file must be decoded into memory instead.</summary>
    public StreamedClip? TryOpen(string path)
    {
        lock (_lock)
            if (_byPath.TryGetValue(path, out StreamedStem? known)) return known.Clip;
        if (FloatWavLayout.Read(path) is not { } layout || layout.SampleRate != SampleRate) return null;
        var stem = new StreamedStem(path, layout, new StreamedClip(Path.GetFileName(path), layout.Channels, layout.Frames));
        lock (_lock)
        {
            _byPath[path] = stem;
            _byClip[stem.Clip] = stem;
        }
        return stem.Clip;
    }

    /// <summary>The file behind a clip opened here, or null for one that is not.</summary>
    public StreamedStem? Of(StreamedClip clip)
    {
        lock (_lock) return _byClip.GetValueOrDefault(clip);
    }
}

/// <summary>A streamed clip and the file its blocks come from.</summary>
public sealed record StreamedStem(string Path, FloatWavLayout Layout, StreamedClip Clip);
