using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Hal;
using StageBox.Media.Wav;
using StageBox.Show.Model;
using StageBox.Show.Writing;

namespace StageBox.App.Demo;

/// <summary>
/// Writes the built-in demo show: three songs of synthesized stems (4/4 with a tempo change,
/// 6/8, and one with a 7/8 section and a ramp), their song.yaml files and a setlist.
/// </summary>
public static class DemoShow
{
    public const int SampleRate = 48_000;
    public const string SetlistName = "demo";

    /// <summary>A demo song: its definition, and the musical material its stems are synthesized from.</summary>
    private sealed record DemoSong(SongDefinition Definition, int[] Roots, bool Minor, Func<Meter, int, bool> IsBackbeat);

    private static readonly SourceLocation Demo = new("demo");

    private static DemoSong[] Songs(string folder) =>
    [
        new(Song(folder, "midnight-drive", "Midnight Drive", "StageBox Demo Band", 1, 16,
                [new TempoChange(1, 120, Meter.CommonTime), new TempoChange(9, 128)],
                [("Intro", 1), ("Verse", 5), ("Chorus", 9), ("Outro", 13)],
                [new CueDefinition(5, "cues/verse.wav", null, 0, Demo)]),
            [57, 53, 60, 55], true, (meter, beat) => beat is 1 or 3),
        new(Song(folder, "harbour-lights", "Harbour Lights", null, 1, 12,
                [new TempoChange(1, 80, new Meter(6, 8))],
                [("Verse", 1), ("Bridge", 9)], []),
            [62, 67, 69, 62], false, (meter, beat) => beat == 3),
        new(Song(folder, "seven-bridges", "Seven Bridges", null, 2, 24,
                [new TempoChange(1, 110, Meter.CommonTime), new TempoChange(9, null, new Meter(7, 8, [2, 2, 3])), new TempoChange(17, 110, Meter.CommonTime, 140, 4)],
                [("Intro", 1), ("Odd Verse", 9), ("Build", 17), ("Finale", 21)], []),
            [64, 60, 62, 59], true, (meter, beat) => meter.Denominator == 8 ? beat == 4 : beat is 1 or 3),
    ];

    private static SongDefinition Song(
        string folder, string id, string title, string? artist, int countIn, int bars,
        TempoChange[] tempoMap, (string Name, int Bar)[] sections, CueDefinition[] cues) =>
        new(id, Path.Combine(folder, "songs", id), title, artist, tempoMap, countIn, bars,
            sections.Select(s => new SectionDefinition(s.Name, s.Bar, Demo)).ToArray(),
            SongEnd.Stop,
            new ClickDefinition([1, 2], -6, 1, null, null, Demo),
            [
                new StemDefinition("drums.wav", null, [3, 4], 0, Demo),
                new StemDefinition("bass.wav", null, [5], -2, Demo),
                new StemDefinition("keys.wav", null, [6, 7], -3, Demo),
            ],
            cues, Demo);

    private static SetlistDefinition Setlist(string folder) => new(SetlistName, "StageBox Demo",
    [
        new SetlistEntry("midnight-drive", null, Demo),
        new SetlistEntry("harbour-lights", SongEnd.Segue, Demo),
        new SetlistEntry("seven-bridges", null, Demo),
    ], Demo);

    /// <summary>Writes the demo show into <paramref name="folder"/> (created; existing files are replaced).</summary>
    public static void Write(string folder)
    {
        foreach (DemoSong song in Songs(folder))
        {
            SongDefinition definition = song.Definition;
            Directory.CreateDirectory(definition.Folder);
            File.WriteAllText(Path.Combine(definition.Folder, "song.yaml"), ShowYamlWriter.Song(definition));
            var synth = new DemoSynth(new TempoMap(definition.TempoMap), definition.Bars!.Value, SampleRate);
            WriteStem(definition.Folder, "drums.wav", synth.Drums(song.IsBackbeat));
            WriteStem(definition.Folder, "bass.wav", synth.Bass(song.Roots));
            WriteStem(definition.Folder, "keys.wav", synth.Keys(song.Roots, song.Minor));
            foreach (CueDefinition cue in definition.Cues) WriteStem(definition.Folder, cue.File, synth.Chime());
        }
        // The setlist goes last: its presence tells a later run the demo is complete.
        Directory.CreateDirectory(Path.Combine(folder, "setlists"));
        File.WriteAllText(SetlistPath(folder), ShowYamlWriter.Setlist(Setlist(folder)));
    }

    /// <summary>Writes the demo show unless the folder already holds it; true when it was written.</summary>
    public static bool EnsureWritten(string folder)
    {
        if (File.Exists(SetlistPath(folder))) return false;
        Write(folder);
        return true;
    }

    private static string SetlistPath(string folder) => Path.Combine(folder, "setlists", SetlistName + ".yaml");

    private static void WriteStem(string songFolder, string name, float[][] channels)
    {
        string path = Path.Combine(songFolder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.WritePlanarFloat(path, SampleRate, channels, SampleFormat.S24_3LE);
    }
}
