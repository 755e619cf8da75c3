using StageBox.Engine.Timeline;

namespace StageBox.App.Demo;

/// <summary>
/// Synthesizes the demo show's stems, in time with a song's tempo map: drums, bass and keys
/// made of nothing but oscillators and noise, so the demo carries no third-party audio.
/// </summary>
internal sealed class DemoSynth(TempoMap map, int bars, int sampleRate)
{
    private readonly Random _noise = new(2026);

    public long Frames => map.FrameAtBar(bars + 1, sampleRate);

    /// <summary>Kick on beat 1 and group starts, snare on the backbeat, hi-hat on every beat; stereo.</summary>
    public float[][] Drums(Func<Meter, int, bool> isBackbeat)
    {
        var left = new float[Frames];
        var right = new float[Frames];
        ForEachBeat((bar, beat, meter, frame) =>
        {
            bool kick = beat == 0 || (meter.Groups.Count == 0 ? beat == meter.Numerator / 2 && meter.Numerator % 2 == 0 : meter.IsGroupStart(beat));
            if (kick) AddBoth(left, right, frame, Kick(), 0.8f, 0.8f);
            if (isBackbeat(meter, beat)) AddBoth(left, right, frame, Snare(), 0.55f, 0.5f);
            AddBoth(left, right, frame, HiHat(), 0.12f, 0.2f);
        });
        return [left, right];
    }

    /// <summary>A plucked bass playing each bar's root on beat 1 and on each group start.</summary>
    public float[][] Bass(int[] rootsByBar)
    {
        var bass = new float[Frames];
        ForEachBeat((bar, beat, meter, frame) =>
        {
            if (beat != 0 && !meter.IsGroupStart(beat)) return;
            double frequency = NoteFrequency(rootsByBar[(bar - 1) % rootsByBar.Length] - 24);
            Add(bass, frame, Pluck(frequency, 0.5), 0.45f);
        });
        return [bass];
    }

    /// <summary>A soft pad holding a triad on each bar's root, slightly detuned left and right.</summary>
    public float[][] Keys(int[] rootsByBar, bool minor)
    {
        var left = new float[Frames];
        var right = new float[Frames];
        for (int bar = 1; bar <= bars; bar++)
        {
            long start = map.FrameAtBar(bar, sampleRate);
            int length = (int)(map.FrameAtBar(bar + 1, sampleRate) - start);
            int root = rootsByBar[(bar - 1) % rootsByBar.Length];
            foreach (int interval in new[] { 0, minor ? 3 : 4, 7 })
            {
                Add(left, start, Pad(NoteFrequency(root + interval) * 0.999, length), 0.09f);
                Add(right, start, Pad(NoteFrequency(root + interval) * 1.001, length), 0.09f);
            }
        }
        return [left, right];
    }

    /// <summary>A two-note chime, the demo's stand-in for a spoken cue.</summary>
    public float[][] Chime()
    {
        var chime = new float[sampleRate];
        Add(chime, 0, Pluck(NoteFrequency(84), 0.6), 0.3f);
        Add(chime, sampleRate / 4, Pluck(NoteFrequency(79), 0.6), 0.3f);
        return [chime];
    }

    private void ForEachBeat(Action<int, int, Meter, long> play)
    {
        for (int bar = 1; bar <= bars; bar++)
        {
            Meter meter = map.MeterAtBar(bar);
            for (int beat = 0; beat < meter.Numerator; beat++)
                play(bar, beat, meter, map.FrameAt(new MusicalPosition(bar, beat + 1), sampleRate));
        }
    }

    private static double NoteFrequency(int midiNote) => 440 * Math.Pow(2, (midiNote - 69) / 12.0);

    private float[] Kick() => Render(0.25, t => Math.Sin(2 * Math.PI * (50 * t + 70 * 0.03 * (1 - Math.Exp(-t / 0.03)))) * Math.Exp(-t / 0.08));

    private float[] Snare() => Render(0.18, t => (0.6 * NextNoise() + 0.4 * Math.Sin(2 * Math.PI * 190 * t)) * Math.Exp(-t / 0.045));

    private float[] HiHat()
    {
        double previous = 0;
        return Render(0.05, t =>
        {
            double white = NextNoise(), high = white - previous;
            previous = white;
            return high * Math.Exp(-t / 0.012);
        });
    }

    private float[] Pluck(double frequency, double seconds) =>
        Render(seconds, t => (Math.Sin(2 * Math.PI * frequency * t) + 0.3 * Math.Sin(4 * Math.PI * frequency * t)) * Math.Exp(-t / (seconds / 3)) * Math.Min(1, t * 500));

    private float[] Pad(double frequency, int frames)
    {
        double seconds = (double)frames / sampleRate;
        return Render(seconds, t => Math.Sin(2 * Math.PI * frequency * t) * Math.Min(1, t / 0.15) * Math.Min(1, (seconds - t) / 0.15));
    }

    private float[] Render(double seconds, Func<double, double> wave)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        for (int n = 0; n < samples.Length; n++) samples[n] = (float)wave((double)n / sampleRate);
        return samples;
    }

    private double NextNoise() => _noise.NextDouble() * 2 - 1;

    private static void Add(float[] track, long frame, float[] sound, float gain)
    {
        int length = (int)Math.Min(sound.Length, track.LongLength - frame);
        for (int i = 0; i < length; i++) track[frame + i] += sound[i] * gain;
    }

    private static void AddBoth(float[] left, float[] right, long frame, float[] sound, float leftGain, float rightGain)
    {
        Add(left, frame, sound, leftGain);
        Add(right, frame, sound, rightGain);
    }
}
