using StageBox.Engine.Click;
using StageBox.Engine.Timeline;

namespace StageBox.Engine.Songs;

/// <summary>
/// A song ready for the audio thread: its audio in memory and every frame it needs (beats,
/// clicks, sections, cues, start and end) computed in advance from the tempo map, so playing
/// it is lookups and mixing, never tempo math. Frame 0 is bar 1 beat 1; the count-in starts at
/// <see cref="StartFrame"/> (negative) and the song ends at <see cref="EndFrame"/> (exclusive).
/// </summary>
public sealed class PreparedSong
{
    public PreparedSong(
        string id, string title, int sampleRate, TempoMap tempoMap, int countInBars, int? bars,
        IReadOnlyList<(string Name, int Bar)> sections, ClickSetup click,
        PreparedStem[] stems, PreparedCue[] cues, SongEnd end)
    {
        if (bars is null && stems.Length == 0)
            throw new ArgumentException($"song '{id}' has no stems, so it must state its length in bars", nameof(bars));
        Id = id;
        Title = title;
        SampleRate = sampleRate;
        TempoMap = tempoMap;
        End = end;
        Click = click;
        StartFrame = tempoMap.FrameAtBar(1 - countInBars, sampleRate);
        EndFrame = bars is int b ? tempoMap.FrameAtBar(b + 1, sampleRate) : stems.Max(s => s.Audio.Frames);
        Beats = new BeatGrid(tempoMap, 1 - countInBars, EndFrame, sampleRate);
        Clicks = new ClickSchedule(Beats, tempoMap, click.Subdivision, EndFrame, sampleRate);
        Sections = sections.Select(s => new SectionMarker(s.Name, s.Bar, tempoMap.FrameAtBar(s.Bar, sampleRate))).ToArray();
        SectionFrames = Sections.Select(s => s.Frame).ToArray();
        Clips = stems.Select(s => new PlacedClip(s.Audio, 0, s.Routes))
            .Concat(cues.Select(c => new PlacedClip(c.Audio, tempoMap.FrameAtBar(c.Bar, sampleRate), c.Routes)))
            .ToArray();
    }

    public string Id { get; }
    public string Title { get; }
    public int SampleRate { get; }
    public TempoMap TempoMap { get; }
    public SongEnd End { get; }

    /// <summary>First frame of the count-in (0 when there is none).</summary>
    public long StartFrame { get; }

    /// <summary>Frame after the last one of the song: the end of its last bar, or of its longest stem.</summary>
    public long EndFrame { get; }

    public BeatGrid Beats { get; }
    public ClickSetup Click { get; }
    public ClickSchedule Clicks { get; }
    public SectionMarker[] Sections { get; }
    public long[] SectionFrames { get; }

    /// <summary>Stems and cues as they sit on the timeline: what the mixer plays.</summary>
    public PlacedClip[] Clips { get; }

    public long FrameAtBar(int bar) => TempoMap.FrameAtBar(bar, SampleRate);

    /// <summary>Index of the section playing at <paramref name="frame"/>, or -1 before the first.</summary>
    public int SectionAt(long frame)
    {
        int i = Array.BinarySearch(SectionFrames, frame);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Where playback located at <paramref name="frame"/> starts: from bar 1 it takes the count-in.</summary>
    public long PlayFromFrame(long frame) => frame == 0 ? StartFrame : frame;

    /// <summary>Every output channel (0-based) the song sends audio to.</summary>
    public IEnumerable<int> UsedOutputs => Click.Outputs.Concat(Clips.SelectMany(c => c.Routes.Select(r => r.Output)));
}
