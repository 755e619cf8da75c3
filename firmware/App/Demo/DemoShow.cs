using StageBox.Engine.Timeline;
using StageBox.Hal;
using StageBox.Hal.Wav;

namespace StageBox.App.Demo;

/// <summary>
/// Writes the built-in demo show: three songs of synthesized stems (4/4 with a tempo change,
/// 6/8, and one with a 7/8 section and a ramp), their song.yaml files and a setlist.
/// </summary>
public static class DemoShow
{
    public const int SampleRate = 48_000;
    public const string SetlistName = "demo";

    private sealed record DemoSong(string Id, string Yaml, TempoMap Map, int Bars, int[] Roots, bool Minor, Func<Meter, int, bool> IsBackbeat, bool HasCue);

    private static readonly DemoSong[] Songs =
    [
        new("midnight-drive", """
            title: Midnight Drive
            artist: StageBox Demo Band
            tempo_map:
              - { bar: 1, tempo: 120, meter: 4/4 }
              - { bar: 9, tempo: 128 }
            count_in: 1
            bars: 16
            sections:
              - { name: Intro, bar: 1 }
              - { name: Verse, bar: 5 }
              - { name: Chorus, bar: 9 }
              - { name: Outro, bar: 13 }
            end: stop
            click:
              outputs: [1, 2]
              level_db: -6
            stems:
              - { file: drums.wav, outputs: [3, 4] }
              - { file: bass.wav, outputs: [5], gain_db: -2 }
              - { file: keys.wav, outputs: [6, 7], gain_db: -3 }
            cues:
              - { bar: 5, file: cues/verse.wav }
            """,
            new TempoMap([new TempoChange(1, 120, Meter.CommonTime), new TempoChange(9, 128)]),
            16, [57, 53, 60, 55], true, (meter, beat) => beat is 1 or 3, true),
        new("harbour-lights", """
            title: Harbour Lights
            tempo_map:
              - { bar: 1, tempo: 80, meter: 6/8 }
            count_in: 1
            bars: 12
            sections:
              - { name: Verse, bar: 1 }
              - { name: Bridge, bar: 9 }
            end: stop
            click:
              outputs: [1, 2]
              level_db: -6
            stems:
              - { file: drums.wav, outputs: [3, 4] }
              - { file: bass.wav, outputs: [5] }
              - { file: keys.wav, outputs: [6, 7] }
            """,
            new TempoMap([new TempoChange(1, 80, new Meter(6, 8))]),
            12, [62, 67, 69, 62], false, (meter, beat) => beat == 3, false),
        new("seven-bridges", """
            title: Seven Bridges
            tempo_map:
              - { bar: 1, tempo: 110, meter: 4/4 }
              - { bar: 9, meter: 7/8, groups: [2, 2, 3] }
              - { bar: 17, meter: 4/4, tempo: 110, ramp_to: 140, ramp_bars: 4 }
            count_in: 2
            bars: 24
            sections:
              - { name: Intro, bar: 1 }
              - { name: Odd Verse, bar: 9 }
              - { name: Build, bar: 17 }
              - { name: Finale, bar: 21 }
            end: stop
            click:
              outputs: [1, 2]
              level_db: -6
              subdivision: 1
            stems:
              - { file: drums.wav, outputs: [3, 4] }
              - { file: bass.wav, outputs: [5] }
              - { file: keys.wav, outputs: [6, 7], gain_db: -2 }
            """,
            new TempoMap([
                new TempoChange(1, 110, Meter.CommonTime),
                new TempoChange(9, null, new Meter(7, 8, [2, 2, 3])),
                new TempoChange(17, 110, Meter.CommonTime, 140, 4)]),
            24, [64, 60, 62, 59], true, (meter, beat) => meter.Denominator == 8 ? beat == 4 : beat is 1 or 3, false),
    ];

    private const string Setlist = """
        title: StageBox Demo
        songs:
          - midnight-drive
          - { song: harbour-lights, end: segue }
          - seven-bridges
        """;

    /// <summary>Writes the demo show into <paramref name="folder"/> (created; existing files are replaced).</summary>
    public static void Write(string folder)
    {
        foreach (DemoSong song in Songs)
        {
            string songFolder = Path.Combine(folder, "songs", song.Id);
            Directory.CreateDirectory(songFolder);
            File.WriteAllText(Path.Combine(songFolder, "song.yaml"), song.Yaml + "\n");
            var synth = new DemoSynth(song.Map, song.Bars, SampleRate);
            WriteStem(songFolder, "drums.wav", synth.Drums(song.IsBackbeat));
            WriteStem(songFolder, "bass.wav", synth.Bass(song.Roots));
            WriteStem(songFolder, "keys.wav", synth.Keys(song.Roots, song.Minor));
            if (song.HasCue) WriteStem(songFolder, Path.Combine("cues", "verse.wav"), synth.Chime());
        }
        Directory.CreateDirectory(Path.Combine(folder, "setlists"));
        File.WriteAllText(Path.Combine(folder, "setlists", SetlistName + ".yaml"), Setlist + "\n");
    }

    /// <summary>Writes the demo show unless the folder already holds a setlist.</summary>
    public static bool EnsureWritten(string folder)
    {
        if (File.Exists(Path.Combine(folder, "setlists", SetlistName + ".yaml"))) return false;
        Write(folder);
        return true;
    }

    private static void WriteStem(string songFolder, string name, float[][] channels)
    {
        string path = Path.Combine(songFolder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.WritePlanarFloat(path, SampleRate, channels, SampleFormat.S24_3LE);
    }
}
