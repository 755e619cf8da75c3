using StageBox.Engine.Click;
using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;
using StageBox.Media.AudioFiles;
using StageBox.Show.Model;

namespace StageBox.Show.Playback;

/// <summary>
/// Turns validated song definitions into songs the engine plays: decodes every stem, cue and
/// click sample at the device rate and converts the file's 1-based outputs and channels and
/// decibels into routes. Runs before playback, never on the audio thread. Given
/// <paramref name="streams"/>, a stem already stored as float at the device rate (every stem of
/// the library) streams from disk instead of being decoded into memory.
/// </summary>
public sealed class SongPreparer(int sampleRate, StemStreams? streams = null)
{
    private readonly Dictionary<string, MemoryClip> _decoded = new(StringComparer.Ordinal);

    /// <summary>The running order of a setlist, each song with the end behaviour the setlist gives it.</summary>
    public IReadOnlyList<SetlistSlot> PrepareSetlist(ShowDefinition show, string setlistName)
    {
        if (!show.Setlists.TryGetValue(setlistName, out SetlistDefinition? setlist))
            throw new ArgumentException($"the show has no setlist '{setlistName}' (it has: {string.Join(", ", show.Setlists.Keys.Order())})", nameof(setlistName));
        var prepared = new Dictionary<string, PreparedSong>(StringComparer.Ordinal);
        return setlist.Songs.Select(entry =>
        {
            SongDefinition song = show.Songs[entry.SongId];
            if (!prepared.TryGetValue(song.Id, out PreparedSong? playable)) prepared[song.Id] = playable = Prepare(song);
            return new SetlistSlot(playable, entry.End ?? song.End);
        }).ToArray();
    }

    public PreparedSong Prepare(SongDefinition song)
    {
        var tempoMap = new TempoMap(song.TempoMap);
        ClickDefinition click = song.Click;
        var sounds = ClickSounds.FromSamples(
            click.AccentSample is null ? null : Mono(Decode(song, click.AccentSample)),
            click.BeatSample is null ? null : Mono(Decode(song, click.BeatSample)),
            sampleRate);
        int[] clickOutputs = ZeroBased(click.Outputs);
        PreparedStem[] stems = song.Stems.Select(stem =>
        {
            AudioClip audio = streams?.TryOpen(FullPath(song, stem.File)) ?? (AudioClip)Decode(song, stem.File);
            int[] channels = stem.Channels is null ? Enumerable.Range(0, audio.ChannelCount).ToArray() : ZeroBased(stem.Channels);
            return new PreparedStem(stem.File, audio, OutputRoute.Map(channels, ZeroBased(stem.Outputs), Decibels.ToGain(stem.GainDb)));
        }).ToArray();
        PreparedCue[] cues = song.Cues.Select(cue =>
        {
            AudioClip audio = Decode(song, cue.File);
            int[] outputs = cue.Outputs is null ? clickOutputs : ZeroBased(cue.Outputs);
            int[] channels = audio.ChannelCount == outputs.Length ? Enumerable.Range(0, outputs.Length).ToArray() : [0];
            return new PreparedCue(cue.Bar, audio, OutputRoute.Map(channels, outputs, Decibels.ToGain(cue.GainDb)));
        }).ToArray();
        return new PreparedSong(
            song.Id, song.Title, sampleRate, tempoMap, song.CountInBars, song.Bars,
            song.Sections.Select(s => (s.Name, s.Bar)).ToArray(),
            new ClickSetup(clickOutputs, Decibels.ToGain(click.LevelDb), click.Subdivision, sounds),
            stems, cues, song.End);
    }

    private MemoryClip Decode(SongDefinition song, string relativePath)
    {
        string path = FullPath(song, relativePath);
        if (!_decoded.TryGetValue(path, out MemoryClip? clip))
            _decoded[path] = clip = new MemoryClip(AudioFile.ReadAtRate(path, sampleRate).Channels);
        return clip;
    }

    /// <summary>A click sample is mono: the average of its channels.</summary>
    private static float[] Mono(MemoryClip clip) =>
        Enumerable.Range(0, (int)clip.Frames).Select(f => clip.Channels.Average(c => c[f])).ToArray();

    private static string FullPath(SongDefinition song, string relativePath) => Path.GetFullPath(Path.Join(song.Folder, relativePath));

    private static int[] ZeroBased(IReadOnlyList<int> oneBased) => oneBased.Select(n => n - 1).ToArray();
}
