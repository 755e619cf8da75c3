namespace StageBox.Tests.Show;

/// <summary>Show folders the tests share: real audio files beside the YAML under test.</summary>
internal static class ShowFixtures
{
    public const string SongId = "midnight-drive";
    public const string SongFolder = "songs/" + SongId;
    public const string SongFile = SongFolder + "/song.yaml";

    /// <summary>The audio of the DESIGN.md example song, plus files that are wrong in
    /// instructive ways: one that does not decode, files outside the song folder reached
    /// through a linked file and a linked folder, one in a sibling song folder; and a link
    /// that stays inside the song folder, which is fine.</summary>
    public static TempShowFolder MidnightDriveAudio() => new TempShowFolder()
        .Wav($"{SongFolder}/drums.wav", channels: 2)
        .Wav($"{SongFolder}/bass.wav", channels: 1)
        .Wav($"{SongFolder}/keys.wav", channels: 2)
        .Wav($"{SongFolder}/cues/verse.wav", channels: 1)
        .Wav($"{SongFolder}/click/hi.wav", channels: 1)
        .Wav($"{SongFolder}/click/lo.wav", channels: 1)
        .Text($"{SongFolder}/broken.wav", "this is text, not audio")
        .Wav("outside.wav", channels: 2)
        .Link($"{SongFolder}/linked.wav", "../../outside.wav")
        .Wav("shared/pad.wav", channels: 2)
        .Link($"{SongFolder}/shared", "../../shared")
        .Link($"{SongFolder}/drums-again.wav", "click/../drums.wav")
        .Wav("songs/other/drums.wav", channels: 2);

    /// <summary>A minimal sound song: a click-only song of eight bars.</summary>
    public const string ClickOnlySong = """
        title: Click Only
        bars: 8
        tempo_map:
          - { bar: 1, tempo: 120 }
        """;
}
