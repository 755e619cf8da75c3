using StageBox.Show.Import;
using StageBox.Show.Library;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Import;

/// <summary>
/// Broken and hostile sticks: each is refused with a message that says what is wrong and where,
/// and the library keeps exactly the show it had, which still plays.
/// </summary>
public sealed class HostileStickTests : IDisposable
{
    private const string S = ImportSticks.Show;

    /// <summary>Each case: how it spoils a sound two-song stick (given the box's library, for links aimed at it), the file the error names, and words from its message.</summary>
    private static readonly Dictionary<string, (Action<TempShowFolder, LibraryLayout> Spoil, string Where, string Says)> Sticks = new()
    {
        ["a stem path that climbs out of the stick"] = ((s, _) => Stem(s, "../../../../etc/passwd"), $"songs/opener/song.yaml", "points outside the song folder"),
        ["an absolute stem path"] = ((s, _) => Stem(s, "/etc/passwd"), "songs/opener/song.yaml", "is an absolute path"),
        ["a stem that is a link to the box's files"] = ((s, _) => Replace(s, "songs/opener/drums.wav", p => File.CreateSymbolicLink(p, "/etc/passwd")), "songs/opener/drums.wav", "is a symbolic link"),
        ["a song folder that is a link out of the stick"] = ((s, _) => Directory.CreateSymbolicLink(s.PathOf($"{S}/songs/elsewhere"), "/usr/share"), "songs/elsewhere", "is a symbolic link"),
        ["a StageBox folder that is a link"] = ((s, _) => { Directory.Move(s.PathOf(S), s.PathOf("real")); Directory.CreateSymbolicLink(s.PathOf(S), "real"); }, "StageBox", "the show folder is a symbolic link"),
        ["a song.yaml that is a link"] = ((s, _) => Replace(s, "songs/closer/song.yaml", p => File.CreateSymbolicLink(p, "../opener/song.yaml")), "songs/closer/song.yaml", "is a symbolic link"),
        ["a FIFO in place of a stem"] = ((s, _) => Replace(s, "songs/opener/drums.wav", p => SystemCommand.Run("mkfifo", p)), "songs/opener/drums.wav", "FIFO (named pipe)"),
        ["a FIFO beside the stems"] = ((s, _) => SystemCommand.Run("mkfifo", s.PathOf($"{S}/songs/opener/pipe")), "songs/opener/pipe", "FIFO (named pipe)"),
        ["a socket"] = ((s, _) => SystemCommand.Run("python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", s.PathOf($"{S}/songs/opener/socket")), "songs/opener/socket", "is a socket"),
        ["a character device"] = ((s, _) => SystemCommand.Run("mknod", s.PathOf($"{S}/songs/opener/zero"), "c", "1", "5"), "songs/opener/zero", "is a character device"),
        ["a block device"] = ((s, _) => SystemCommand.Run("mknod", s.PathOf($"{S}/songs/opener/disk"), "b", "7", "0"), "songs/opener/disk", "is a block device"),
        ["a 5 GiB stem"] = ((s, _) => { using var f = File.Create(s.PathOf($"{S}/songs/opener/drums.wav")); f.SetLength(5L << 30); }, "songs/opener/drums.wav", "more than the 4 GiB a file may have"),
        ["a WAV header claiming 70 channels"] = ((s, _) => PatchWav(s, "songs/opener/bass.wav", offset: 22, 70, bytes: 2), "songs/opener/song.yaml", "has 70 channels; at most 64"),
        ["a WAV header claiming 1000 Hz"] = ((s, _) => PatchWav(s, "songs/opener/bass.wav", offset: 24, 1000, bytes: 4), "songs/opener/song.yaml", "sample rate of 1000 Hz"),
        ["a WAV header promising more audio than the file holds"] = ((s, _) => PatchWav(s, "songs/opener/bass.wav", offset: DataSizeOffset(s, "songs/opener/bass.wav"), 0x10000000, bytes: 4), "songs/opener/song.yaml", "it was cut off"),
        ["a truncated FLAC"] = ((s, _) => { Flac(s, "songs/closer/keys.wav", truncateTo: 3_000); }, "songs/closer/keys.wav", "the file ends after"),
        ["an empty stem"] = ((s, _) => File.WriteAllBytes(s.PathOf($"{S}/songs/opener/bass.wav"), []), "songs/opener/song.yaml", "cannot decode"),
        ["text named .wav"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/songs/opener/bass.wav"), "not audio at all"), "songs/opener/song.yaml", "cannot decode"),
        ["two songs with one title"] = ((s, _) => Retitle(s, "closer", "Opener"), "songs/opener/song.yaml", "are both titled 'Opener'"),
        ["song folders that differ only in case"] = ((s, _) => CopySong(s, "opener", "Opener", "Opener Again"), "songs/opener", "differ only in upper and lower case"),
        ["YAML that does not parse"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/songs/opener/song.yaml"), "title: Opener\nstems: [ { file: drums.wav\n"), "songs/opener/song.yaml", ""),
        ["a misspelt field"] = ((s, _) => File.AppendAllText(s.PathOf($"{S}/songs/opener/song.yaml"), "tempo_mapp: 3\n"), "songs/opener/song.yaml", "unknown field 'tempo_mapp'"),
        ["a file name that is not UTF-8"] = ((s, _) => SystemCommand.Run("sh", "-c", "touch \"$1$(printf '\\351').txt\"", "sh", s.PathOf($"{S}/songs/opener/Caf")), ".txt", "not valid UTF-8"),
        ["a newline in a file name"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/songs/opener/two\nlines.wav"), "x"), "songs/opener/two\nlines.wav", "U+000A"),
        ["a shell metacharacter in a folder name"] = ((s, _) => Directory.CreateDirectory(s.PathOf($"{S}/songs/rm *")), "songs/rm *", "the character '*'"),
        ["a 130-byte name"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/songs/opener/{new string('a', 126)}.wav"), "x"), "songs/opener/" + new string('a', 126) + ".wav", "longer than 120 bytes"),
        ["a setlist naming a song the stick lacks"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/setlists/main.yaml"), "title: Main\nsongs:\n  - opener\n  - encore\n"), "setlists/main.yaml", "no song 'encore'"),
        ["a stem routed past the device's outputs"] = ((s, _) => Stem(s, "drums.wav", outputs: "9, 10"), "songs/opener/song.yaml", "9"),
        ["folders ten deep"] = ((s, _) => Directory.CreateDirectory(s.PathOf($"{S}/songs/opener/" + string.Join('/', Enumerable.Repeat("deeper", 10)))), "songs/opener/deeper/deeper/deeper/deeper/deeper/deeper", "folders deep"),
        ["a StageBox folder without songs"] = ((s, _) => Directory.Delete(s.PathOf($"{S}/songs"), recursive: true), "", "not a show folder"),
        ["a stick without a StageBox folder"] = ((s, _) => Directory.Move(s.PathOf(S), s.PathOf("Music")), "", "not a show folder"),
        ["twenty thousand and one files"] = ((s, _) => { for (int i = 0; i <= StickScan.MaxEntries; i++) File.WriteAllBytes(s.PathOf($"{S}/songs/opener/junk{i}"), []); }, "", "more than 20000 files and folders"),
        ["a stem that is a folder"] = ((s, _) => Replace(s, "songs/opener/bass.wav", p => Directory.CreateDirectory(p)), "songs/opener/song.yaml", "is a folder, not an audio file"),
        ["an import-report.txt that is a link to the library's CURRENT"] = ((s, library) => File.CreateSymbolicLink(s.PathOf($"{S}/import-report.txt"), library.PointerFile), "import-report.txt", "is a symbolic link"),
        ["a 900 KB song title"] = ((s, _) => File.WriteAllText(s.PathOf($"{S}/songs/opener/song.yaml"), ImportSticks.SongYaml(new string('T', 900_000), ("drums.wav", "3, 4"))), "songs/opener/song.yaml", "is 900000 characters long; at most 100"),
        ["a two-minute stereo cue"] = ((s, _) => LongCue(s, seconds: 120), "songs/opener/song.yaml", "a cue may last at most 30 s"),
        ["Sun AU content named drums.wav"] = ((s, _) => SndFileWriter.WriteAu(s.PathOf($"{S}/songs/opener/drums.wav"), channels: 2, frames: 4_800), "songs/opener/song.yaml", "holds Sun/NeXT AU audio, which StageBox does not take"),
        ["a cue whose file is missing"] = ((s, _) => File.AppendAllText(s.PathOf($"{S}/songs/opener/song.yaml"), "cues:\n  - { bar: 1, file: cues/count.wav }\n"), "songs/opener/song.yaml", "not found"),
    };

    public static TheoryData<string> Cases => new(Sticks.Keys);

    private readonly TempDirectory _box = new();
    private readonly ShowLibrary _library;
    private readonly string _installed;

    public HostileStickTests()
    {
        _library = new ShowLibrary(_box.File("library"));
        using TempShowFolder sound = ImportSticks.TwoSongs("Installed Opener");
        ImportResult installed = Importer().Import(sound.Root);
        Assert.True(installed.Succeeded, string.Join("\n", installed.Errors));
        _installed = ImportSticks.Fingerprint(_library);
    }

    public void Dispose() => _box.Dispose();

    private ShowImporter Importer() => new(_library, ImportSticks.DeviceRate, ImportSticks.Outputs);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_with_what_and_where_and_the_library_keeps_its_show(string stick)
    {
        (Action<TempShowFolder, LibraryLayout> spoil, string where, string says) = Sticks[stick];
        using TempShowFolder folder = ImportSticks.TwoSongs();
        spoil(folder, _library.Layout);
        byte[] pointer = File.ReadAllBytes(_library.Layout.PointerFile);
        ImportResult result = Importer().Import(folder.Root);
        _library.Reports.Keep(ImportReport.Text(result, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
        Assert.False(result.Succeeded, $"{stick}: imported");
        Assert.True(result.Errors.Any(e => e.Where.File.EndsWith(where, StringComparison.Ordinal) && e.Problem.Contains(says, StringComparison.Ordinal)),
            $"{stick}: no error at '{where}' saying '{says}' in:\n{string.Join("\n", result.Errors)}");
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Fix), $"{e} gives no fix"));
        Assert.Equal(pointer, File.ReadAllBytes(_library.Layout.PointerFile));
        Assert.Equal(_installed, ImportSticks.Fingerprint(_library));
        Assert.Empty(_library.Verify(_library.Pointer!.Current));
        Assert.True(ImportSticks.Plays(_library));
    }

    [Fact]
    public void The_corpus_holds_at_least_thirty_sticks() => Assert.True(Sticks.Count >= 30, $"{Sticks.Count} sticks");

    private static void Stem(TempShowFolder stick, string file, string outputs = "3, 4") =>
        File.WriteAllText(stick.PathOf($"{S}/songs/opener/song.yaml"), ImportSticks.SongYaml("Opener", (file, outputs), ("bass.wav", "5")));

    /// <summary>A stereo cue at 8 kHz (small on the stick; its length is what counts) played from bar 1 of the opener.</summary>
    private static void LongCue(TempShowFolder stick, int seconds)
    {
        stick.Wav($"{S}/songs/opener/cues/long.wav", channels: 2, frames: seconds * 8_000, sampleRate: 8_000);
        File.AppendAllText(stick.PathOf($"{S}/songs/opener/song.yaml"), "cues:\n  - { bar: 1, file: cues/long.wav }\n");
    }

    private static void Replace(TempShowFolder stick, string relativePath, Action<string> with)
    {
        string path = stick.PathOf($"{S}/{relativePath}");
        File.Delete(path);
        with(path);
    }

    private static void Retitle(TempShowFolder stick, string song, string title) =>
        File.WriteAllText(stick.PathOf($"{S}/songs/{song}/song.yaml"), File.ReadAllText(stick.PathOf($"{S}/songs/{song}/song.yaml")).Replace("title: Closer", $"title: {title}"));

    private static void PatchWav(TempShowFolder stick, string relativePath, int offset, uint value, int bytes)
    {
        string path = stick.PathOf($"{S}/{relativePath}");
        byte[] wav = File.ReadAllBytes(path);
        BitConverter.GetBytes(value).AsSpan(0, bytes).CopyTo(wav.AsSpan(offset));
        File.WriteAllBytes(path, wav);
    }

    private static int DataSizeOffset(TempShowFolder stick, string relativePath) =>
        File.ReadAllBytes(stick.PathOf($"{S}/{relativePath}")).AsSpan().IndexOf("data"u8) + 4;

    private static void CopySong(TempShowFolder stick, string from, string to, string title)
    {
        Directory.CreateDirectory(stick.PathOf($"{S}/songs/{to}"));
        foreach (string file in Directory.GetFiles(stick.PathOf($"{S}/songs/{from}")))
            File.Copy(file, stick.PathOf($"{S}/songs/{to}/{Path.GetFileName(file)}"));
        string yaml = stick.PathOf($"{S}/songs/{to}/song.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("title: Opener", $"title: {title}"));
    }

    private static void Flac(TempShowFolder stick, string relativePath, int truncateTo)
    {
        string path = stick.PathOf($"{S}/{relativePath}");
        SndFileWriter.WriteFlac(path, channels: 2, frames: 96_000);
        using var file = File.OpenWrite(path);
        file.SetLength(truncateTo);
    }
}
