using StageBox.Hal;
using StageBox.Media.Wav;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// A show made for finding positions in recordings: one song whose stem is seeded white noise on
/// output 3 from its first frame, so the audio is never silent while it plays and any few
/// thousand frames of it say exactly which song frame they are. The click goes to outputs 1-2.
/// </summary>
public sealed class NoiseShow
{
    public const int Rate = 48_000;
    public const int NoiseChannel = 2;

    /// <param name="bars">Bars at 120 BPM in 4/4, two seconds each.</param>
    public NoiseShow(string folder, int bars = 40)
    {
        Folder = folder;
        string song = Path.Combine(folder, "songs", "noise-run");
        Directory.CreateDirectory(song);
        Directory.CreateDirectory(Path.Combine(folder, "setlists"));
        var random = new Random(20261202);
        Noise = new float[bars * 2 * Rate + Rate];
        for (int i = 0; i < Noise.Length; i++) Noise[i] = (float)(random.NextDouble() - 0.5) * 0.5f;
        WavWriter.WritePlanarFloat(Path.Combine(song, "noise.wav"), Rate, [Noise], SampleFormat.Float32);
        File.WriteAllText(Path.Combine(song, "song.yaml"), $"""
            title: Noise Run
            tempo_map:
              - {"{"} bar: 1, tempo: 120, meter: 4/4 {"}"}
            count_in: 0
            bars: {bars}
            click:
              outputs: [1, 2]
            stems:
              - {"{"} file: noise.wav, outputs: [3] {"}"}
            """);
        File.WriteAllText(Path.Combine(folder, "setlists", "main.yaml"), "title: Pair test\nsongs:\n  - noise-run\n");
    }

    public string Folder { get; }

    /// <summary>The stem, sample for sample: song frame f plays Noise[f] on output 3.</summary>
    public float[] Noise { get; }
}
