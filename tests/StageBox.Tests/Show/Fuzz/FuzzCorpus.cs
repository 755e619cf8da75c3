namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// The sound show the fuzz tests start from: three songs that between them use every field of
/// the format in both YAML styles (tempo maps with meter changes, groups and ramps, sections,
/// cues, stems with channels, outputs and gains, click settings and samples) and two setlists
/// that override song ends. Every file loads without a single error; the mutator spoils them.
/// </summary>
internal static class FuzzCorpus
{
    public const int Outputs = 8;

    /// <summary>Each YAML file by its path in the show folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["songs/midnight-drive/song.yaml"] = """
            title: Midnight Drive
            artist: The Band
            tempo_map:
              - { bar: 1,  tempo: 120, meter: 4/4 }
              - { bar: 17, tempo: 128 }
              - { bar: 33, meter: 7/8, groups: [2, 2, 3] }
              - { bar: 41, tempo: 128, ramp_to: 140, ramp_bars: 4 }
            count_in: 2
            bars: 64
            sections:
              - { name: Intro, bar: 1 }
              - { name: Verse 1, bar: 9 }
              - { name: Chorus, bar: 17 }
              - { name: Odd Bridge, bar: 33 }
              - { name: Build, bar: 41 }
            end: next
            click:
              outputs: [1, 2]
              level_db: -6
              subdivision: 2
              accent_sample: click/hi.wav
              beat_sample: click/lo.wav
            stems:
              - { file: drums.wav, outputs: [3, 4], gain_db: 0 }
              - { file: bass.wav, outputs: [5] }
              - { file: keys.wav, outputs: [6, 7, 8], channels: [2], gain_db: -3.5 }
            cues:
              - { bar: 9, file: cues/verse.wav, outputs: [2], gain_db: 6 }

            """,
        ["songs/harbour-lights/song.yaml"] = """
            # Harbour Lights: the 6/8 ballad, written in block style
            title: "Harbour Lights"
            artist: 'The Band'
            count_in: 1
            tempo_map:
              - bar: 1
                tempo: 80
                meter: 6/8
              - bar: 9
                meter: 9/8
                groups: [3, 3, 3]
              - bar: 13
                tempo: 72.5
                meter: 6/8
              - bar: 21
                ramp_to: 60
                ramp_bars: 2
            sections:
              - name: Verse
                bar: 1
              - name: Bridge
                bar: 9
              - name: Coda
                bar: 21
            end: segue
            click:
              outputs: [1]
              level_db: -12.5
            stems:
              - file: pad.wav
                outputs: [3, 4]
                gain_db: -2
              - file: drums.wav
                channels: [1, 2]
                outputs: [5, 6]
              - file: drums.wav
                channels: [1]
                outputs: [7, 8]
                gain_db: -24
            cues:
              - bar: 1
                file: cues/verse.wav
              - { bar: 13, file: cues/verse.wav, gain_db: -6 }

            """,
        ["songs/seven-bridges/song.yaml"] = """
            title: Seven Bridges
            tempo_map:
              - {bar: 1, tempo: 110, meter: 4/4}
              - {bar: 9, meter: 7/8, groups: [2, 2, 3]}
              - {bar: 17, tempo: 110, meter: 4/4, ramp_to: 140, ramp_bars: 4}
              - {bar: 25, meter: 5/4, groups: [3, 2]}
              - {bar: 29, tempo: 96, meter: 12/8}
            count_in: 0
            bars: 32
            sections: [{name: Intro, bar: 1}, {name: Odd Verse, bar: 9}, {name: Build, bar: 17}, {name: Finale, bar: 25}]
            end: stop
            click: {outputs: [1, 2], level_db: 0, subdivision: 4}

            """,
        ["setlists/friday.yaml"] = """
            title: Friday Night
            songs:
              - midnight-drive
              - { song: harbour-lights, end: next }
              - song: seven-bridges
                end: segue
              - { song: midnight-drive, end: stop }   # the reprise

            """,
        ["setlists/encore.yml"] = """
            # the encore, in flow style
            title: "Encore: Late"
            songs: [seven-bridges, {song: harbour-lights, end: next}, midnight-drive]

            """,
    };

    /// <summary>The audio the songs name (path, channels), plus a file that is not audio for mutations to point at.</summary>
    private static readonly (string Path, int Channels)[] Audio =
    [
        ("songs/midnight-drive/drums.wav", 2),
        ("songs/midnight-drive/bass.wav", 1),
        ("songs/midnight-drive/keys.wav", 2),
        ("songs/midnight-drive/cues/verse.wav", 1),
        ("songs/midnight-drive/click/hi.wav", 1),
        ("songs/midnight-drive/click/lo.wav", 1),
        ("songs/harbour-lights/pad.wav", 2),
        ("songs/harbour-lights/drums.wav", 2),
        ("songs/harbour-lights/cues/verse.wav", 1),
    ];

    public static IEnumerable<string> SongFiles => Files.Keys.Where(p => p.StartsWith("songs/", StringComparison.Ordinal));

    /// <summary>Writes the whole show (YAML and audio) into <paramref name="showFolder"/>.</summary>
    public static TempShowFolder WriteShow(TempShowFolder show, string showFolder = "")
    {
        foreach ((string path, string text) in Files) show.Text(Path.Join(showFolder, path), text);
        foreach ((string path, int channels) in Audio) show.Wav(Path.Join(showFolder, path), channels, frames: 2_400);
        show.Text(Path.Join(showFolder, "songs/midnight-drive/broken.wav"), "this is text, not audio");
        return show;
    }
}
