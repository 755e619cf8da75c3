using StageBox.Tests.Show;

namespace StageBox.Tests.App;

/// <summary>stagebox init as a technician runs it on a stick of DAW exports, then stagebox validate on the result.</summary>
public sealed class InitCommandTests
{
    [Fact]
    public void Init_on_a_show_of_daw_exports_then_validate_exits_zero()
    {
        const string kept = "title: Slow One\ntempo_map:\n  - { bar: 1, tempo: 68 }\nstems:\n  - { file: keys.wav, outputs: [3, 4] }\n";
        using TempShowFolder show = new TempShowFolder()
            .Wav("songs/Midnight_Drive 128bpm/01 Drums.wav", channels: 2)
            .Wav("songs/Midnight_Drive 128bpm/02 Bass.wav", channels: 1)
            .Wav("songs/Midnight_Drive 128bpm/00 Click.wav", channels: 1)
            .Text("songs/Midnight_Drive 128bpm/._01 Drums.wav", "\0\u0005\u0016\u0007\0\u0002\0\0Mac OS X")
            .Wav("songs/slow-one/keys.wav", channels: 2)
            .Text("songs/slow-one/song.yaml", kept);

        StageBoxProcess.Result init = StageBoxProcess.Run(show.Root, "init", show.Root);

        Assert.True(init.ExitCode == 0, init.Output + init.Errors);
        string[] lines = init.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                $"wrote   {show.Root}/songs/Midnight_Drive 128bpm/song.yaml: click on outputs 1-2, 2 stems on outputs 3-5 (longest 0:00.100), tempo 128 from 'Midnight_Drive 128bpm'",
                "          left out as a click track: 00 Click.wav",
                "          1 hidden file ignored (macOS ._ twins and the like)",
                $"kept    {show.Root}/songs/slow-one/song.yaml: it was there already and is not changed",
                $"wrote   {show.Root}/setlists/main.yaml: 2 songs in folder order",
                $"Next: set the real tempo (and meter) in each song.yaml written above (a DAW export does not carry it), then run: stagebox validate {show.Root}",
            ],
            lines);
        Assert.Equal(kept, File.ReadAllText(show.PathOf("songs/slow-one/song.yaml")));

        StageBoxProcess.Result validate = StageBoxProcess.Run(show.Root, "validate", show.Root);
        Assert.True(validate.ExitCode == 0, validate.Output + validate.Errors);
        Assert.Contains("OK, 2 songs, 1 setlists (main)", validate.Output);
    }

    [Fact]
    public void Init_takes_the_output_count_from_the_configuration()
    {
        using TempShowFolder show = new TempShowFolder()
            .Text("stagebox.yaml", "audio:\n  channels: 4\n")
            .Wav("songs/four-outs/01 Drums.wav", channels: 2)
            .Wav("songs/four-outs/02 Keys.wav", channels: 2);

        StageBoxProcess.Result init = StageBoxProcess.Run(show.Root, "init", show.Root, "--config", show.PathOf("stagebox.yaml"));

        Assert.True(init.ExitCode == 0, init.Output + init.Errors);
        Assert.Contains("click on outputs 1-2, 1 stem on outputs 3-4", init.Output);
        Assert.Contains("          left out, no free outputs (see song.yaml): 02 Keys.wav", init.Output);
        Assert.Equal(0, StageBoxProcess.Run(show.Root, "validate", show.Root, "--config", show.PathOf("stagebox.yaml")).ExitCode);
    }

    [Fact]
    public void Init_refuses_a_folder_without_audio_with_exit_code_one_and_a_message_naming_it()
    {
        using TempShowFolder folder = new TempShowFolder().Text("Notes/lyrics.txt", "verse one");

        StageBoxProcess.Result init = StageBoxProcess.Run(folder.Root, "init", folder.PathOf("Notes"));

        Assert.Equal(1, init.ExitCode);
        Assert.StartsWith($"stagebox init: {folder.PathOf("Notes")}: no audio files here or in the folders inside it (lyrics.txt is not audio).", init.Errors);
        Assert.False(File.Exists(folder.PathOf("Notes/song.yaml")));
    }
}
