using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;

namespace StageBox.Engine.Click;

/// <summary>
/// Every click of a song, count-in included: its frame and kind, in order. A click sounds on
/// each beat (the meter's note value), accented on beat 1, lighter on group starts, with
/// optional subdivisions. Each frame is round(exact time x rate) of its own exact position.
/// </summary>
public sealed class ClickSchedule
{
    public const int MaxSubdivision = 4;

    public ClickSchedule(BeatGrid beats, TempoMap tempoMap, int subdivision, long endFrame, int sampleRate)
    {
        if (subdivision is < 1 or > MaxSubdivision)
            throw new ArgumentOutOfRangeException(nameof(subdivision), subdivision, $"1 to {MaxSubdivision} clicks per beat");
        var frames = new List<long>();
        var kinds = new List<ClickKind>();
        for (int i = 0; i < beats.Count; i++)
        {
            Meter meter = beats.Meters[i];
            int beatIndex = beats.Beats[i] - 1;
            frames.Add(beats.Frames[i]);
            kinds.Add(beatIndex == 0 ? ClickKind.Accent : meter.IsGroupStart(beatIndex) ? ClickKind.Group : ClickKind.Beat);
            for (int s = 1; s < subdivision; s++)
            {
                long frame = tempoMap.FrameAtQuarter(beats.Quarters[i] + meter.QuartersPerBeat * s / subdivision, sampleRate);
                if (frame >= endFrame) break;
                frames.Add(frame);
                kinds.Add(ClickKind.Subdivision);
            }
        }
        Frames = frames.ToArray();
        Kinds = kinds.ToArray();
    }

    public long[] Frames { get; }
    public ClickKind[] Kinds { get; }
    public int Count => Frames.Length;

    /// <summary>Index of the first click at or after <paramref name="frame"/> (Count when none is left).</summary>
    public int FirstAtOrAfter(long frame)
    {
        int i = Array.BinarySearch(Frames, frame);
        if (i < 0) return ~i;
        while (i > 0 && Frames[i - 1] == frame) i--;
        return i;
    }
}
