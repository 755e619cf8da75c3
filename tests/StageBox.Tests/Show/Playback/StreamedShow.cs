using StageBox.Hal;
using StageBox.Media.Wav;

namespace StageBox.Tests.Show.Playback;

/// <summary>
/// Shows whose stems are 32-bit float WAV at the device rate, as the library stores them, so
/// they stream. Every stem carries its own seeded noise, so a block from the wrong place or the
/// wrong stem changes the render.
/// </summary>
internal static class StreamedShow
{
    public const int Rate = 48_000, Outputs = 8;

    /// <summary>
    /// Songs of 4/4 at 120 (a bar is 2 s) with sections at bars 1, 3 and 5, a mono and a stereo
    /// stem each, every song but the last running into the next by segue.
    /// </summary>
    public static TempShowFolder Write(int songs, int bars, Func<string, int, long, bool>? writeStem = null)
    {
        var show = new TempShowFolder();
        var setlist = new System.Text.StringBuilder("title: Streamed\nsongs:\n");
        for (int song = 1; song <= songs; song++)
        {
            string id = $"song{song:00}";
            show.Text($"songs/{id}/song.yaml",
                $"title: Song {song}\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\ncount_in: 0\nbars: {bars}\n"
                + "sections:\n  - { name: Intro, bar: 1 }\n  - { name: Verse, bar: 3 }\n  - { name: Chorus, bar: 5 }\n"
                + "stems:\n  - { file: bass.wav, outputs: [3] }\n  - { file: keys.wav, outputs: [4, 5], gain_db: -3 }\n");
            long frames = bars * 2L * Rate;
            foreach ((string file, int channels) in new[] { ("bass.wav", 1), ("keys.wav", 2) })
            {
                string path = show.PathOf($"songs/{id}/{file}");
                if (writeStem?.Invoke(path, channels, frames) != true) WriteNoise(path, channels, frames, seed: song * 10 + channels);
            }
            setlist.Append(song < songs ? $"  - {{ song: {id}, end: segue }}\n" : $"  - {id}\n");
        }
        return show.Text("setlists/main.yaml", setlist.ToString());
    }

    private static void WriteNoise(string path, int channels, long frames, int seed)
    {
        var random = new Random(seed);
        float[][] audio = Enumerable.Range(0, channels).Select(_ => Enumerable.Range(0, (int)frames).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray()).ToArray();
        WavWriter.WritePlanarFloat(path, Rate, audio, SampleFormat.Float32);
    }
}
