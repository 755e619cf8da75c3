namespace StageBox.Engine.Click;

/// <summary>
/// The mono sample played for each <see cref="ClickKind"/>. Synthesized by default: short,
/// bright tones with an instant attack (the onset frame itself is the first non-zero sample)
/// and pitches that tell the accent from the beat at once.
/// </summary>
public sealed class ClickSounds
{
    private readonly float[][] _byKind;

    private ClickSounds(float[] accent, float[] group, float[] beat, float[] subdivision) =>
        _byKind = [accent, group, beat, subdivision];

    public float[] For(ClickKind kind) => _byKind[(int)kind];

    public static ClickSounds Synthesize(int sampleRate) => new(
        Tone(sampleRate, 2000, 0.9f, 0.025),
        Tone(sampleRate, 1500, 0.8f, 0.025),
        Tone(sampleRate, 1000, 0.7f, 0.025),
        Tone(sampleRate, 1000, 0.3f, 0.015));

    /// <summary>
    /// User samples: the accent sample for beat 1 and (softer) group starts, the beat sample for
    /// other beats and (softer) subdivisions. A missing one is synthesized.
    /// </summary>
    public static ClickSounds FromSamples(float[]? accent, float[]? beat, int sampleRate)
    {
        ClickSounds synthesized = Synthesize(sampleRate);
        float[] accentSound = accent ?? synthesized.For(ClickKind.Accent);
        float[] beatSound = beat ?? synthesized.For(ClickKind.Beat);
        return new ClickSounds(accentSound, Scaled(accentSound, 0.7f), beatSound, Scaled(beatSound, 0.45f));
    }

    /// <summary>A cosine burst with an exponential decay and a 2 ms fade at its end, so its tail never clicks.</summary>
    private static float[] Tone(int sampleRate, double frequency, float peak, double seconds)
    {
        int length = (int)(seconds * sampleRate);
        int tailFade = sampleRate / 500;
        double decay = seconds / 5;
        var samples = new float[length];
        for (int n = 0; n < length; n++)
        {
            double t = (double)n / sampleRate;
            double envelope = Math.Exp(-t / decay) * Math.Min(1.0, (double)(length - n) / tailFade);
            double tone = Math.Cos(2 * Math.PI * frequency * t) * 0.8 + Math.Cos(2 * Math.PI * frequency * 2.5 * t) * 0.2;
            samples[n] = (float)(peak * envelope * tone);
        }
        return samples;
    }

    private static float[] Scaled(float[] samples, float gain) => samples.Select(s => s * gain).ToArray();
}
