using StageBox.Engine.Timeline;

namespace StageBox.Engine.Songs;

/// <summary>
/// Every beat of a song from the first count-in beat to the end, with the frame it falls on,
/// its bar and beat number, and the tempo and meter there. Built once when the song is
/// prepared so the audio thread finds a position by binary search, with no tempo math.
/// </summary>
public sealed class BeatGrid
{
    public BeatGrid(TempoMap tempoMap, int firstBar, long endFrame, int sampleRate)
    {
        var frames = new List<long>();
        var quarters = new List<double>();
        var bars = new List<int>();
        var beats = new List<int>();
        var meters = new List<Meter>();
        for (int bar = firstBar; ; bar++)
        {
            Meter meter = tempoMap.MeterAtBar(bar);
            double barQuarter = tempoMap.QuarterAtBar(bar);
            if (tempoMap.FrameAtQuarter(barQuarter, sampleRate) >= endFrame) break;
            for (int beat = 0; beat < meter.Numerator; beat++)
            {
                double quarter = barQuarter + beat * meter.QuartersPerBeat;
                long frame = tempoMap.FrameAtQuarter(quarter, sampleRate);
                if (frame >= endFrame) break;
                frames.Add(frame);
                quarters.Add(quarter);
                bars.Add(bar);
                beats.Add(beat + 1);
                meters.Add(meter);
            }
        }
        Frames = frames.ToArray();
        Quarters = quarters.ToArray();
        Bars = bars.ToArray();
        Beats = beats.ToArray();
        Meters = meters.ToArray();
        Tempos = quarters.Select(tempoMap.TempoAtQuarter).ToArray();
    }

    public long[] Frames { get; }
    public double[] Quarters { get; }
    public int[] Bars { get; }
    /// <summary>1-based beat within its bar.</summary>
    public int[] Beats { get; }
    public Meter[] Meters { get; }
    /// <summary>Tempo in quarter notes per minute at each beat.</summary>
    public double[] Tempos { get; }
    public int Count => Frames.Length;

    /// <summary>Index of the beat sounding at <paramref name="frame"/> (the last one at or before it), or -1 before the first.</summary>
    public int BeatAt(long frame)
    {
        int i = Array.BinarySearch(Frames, frame);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Frame of the first bar line at or after <paramref name="frame"/>, or <paramref name="orElse"/> when none is left.</summary>
    public long NextBarLine(long frame, long orElse)
    {
        int i = Array.BinarySearch(Frames, frame);
        for (i = i >= 0 ? i : ~i; i < Frames.Length; i++)
            if (Beats[i] == 1) return Frames[i];
        return orElse;
    }
}
