using StageBox.App.Demo;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Media.AudioFiles;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Writing;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App;

/// <summary>The stagebox program end to end, as a technician or a script runs it.</summary>
public class CommandLineTests : IClassFixture<CommandLineTests.DemoShowFolder>
{
    /// <summary>The demo show, written once for these tests.</summary>
    public sealed class DemoShowFolder : IDisposable
    {
        private readonly TempDirectory _directory = new();
        public DemoShowFolder() => DemoShow.Write(Show);
        public string Show => _directory.File("show");
        public string Work => _directory.Path;
        public void Dispose() => _directory.Dispose();
    }

    private readonly DemoShowFolder _demo;

    public CommandLineTests(DemoShowFolder demo) => _demo = demo;

    [Fact]
    public void Demo_show_has_a_tempo_change_a_six_eight_song_a_seven_eight_section_a_ramp_and_a_segue()
    {
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(_demo.Show);
        Assert.Empty(loaded.Errors);
        ShowDefinition show = loaded.Value!;
        IReadOnlyList<TempoChange> drive = show.Songs["midnight-drive"].TempoMap, harbour = show.Songs["harbour-lights"].TempoMap, bridges = show.Songs["seven-bridges"].TempoMap;
        Assert.Contains(drive.Skip(1), c => c.Tempo is not null && c.Tempo != drive[0].Tempo);
        Assert.Equal(new Meter(6, 8), harbour[0].Meter);
        Assert.Contains(bridges, c => c.Meter is { Numerator: 7, Denominator: 8 } m && m.Groups.SequenceEqual([2, 2, 3]));
        Assert.Contains(bridges, c => c.IsRamp);
        Assert.Equal(SongEnd.Segue, show.Setlists[DemoShow.SetlistName].Songs[1].End);
        Assert.All(show.Songs.Values, song => Assert.NotEmpty(song.Sections));
    }

    [Fact]
    public void Written_song_files_read_back_to_the_same_text()
    {
        ShowDefinition show = ShowLoader.LoadShow(_demo.Show).Value!;
        foreach (SongDefinition song in show.Songs.Values)
            Assert.Equal(File.ReadAllText(Path.Combine(song.Folder, "song.yaml")), ShowYamlWriter.Song(song));
        SetlistDefinition setlist = show.Setlists[DemoShow.SetlistName];
        Assert.Equal(File.ReadAllText(Path.Combine(_demo.Show, "setlists", "demo.yaml")), ShowYamlWriter.Setlist(setlist));
    }

    [Fact]
    public void Validate_accepts_the_demo_and_reports_every_fault_of_a_broken_show_with_exit_code_one()
    {
        StageBoxProcess.Result good = StageBoxProcess.Run(_demo.Work, "validate", _demo.Show);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("OK, 3 songs, 1 setlists", good.Output);

        string broken = Path.Combine(_demo.Work, "broken");
        Directory.CreateDirectory(Path.Combine(broken, "songs", "bad"));
        File.WriteAllText(Path.Combine(broken, "songs", "bad", "song.yaml"), "title: Bad\ntempo_map:\n  - { bar: 1, tempo: 0 }\nbars: 4\nend: fade\n");
        StageBoxProcess.Result bad = StageBoxProcess.Run(_demo.Work, "validate", broken);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("songs/bad/song.yaml:3:22: error:", bad.Output);
        Assert.Contains("songs/bad/song.yaml:5:6: error:", bad.Output);
    }

    [Fact]
    public void Render_writes_every_output_channel_with_the_click_on_its_beats_and_stems_on_their_outputs()
    {
        string song = Path.Combine(_demo.Show, "songs", "harbour-lights");
        string wav = Path.Combine(_demo.Work, "harbour.wav");
        StageBoxProcess.Result result = StageBoxProcess.Run(_demo.Work, "render", song, "-o", wav);
        Assert.True(result.ExitCode == 0, result.Errors);

        DecodedAudio audio = AudioFile.Read(wav);
        Assert.Equal(8, audio.ChannelCount);
        // 6/8 at 80: an eighth is 0.375 s = 18000 frames; 1 bar of count-in + 12 bars of 6 eighths.
        Assert.Equal(13 * 6 * 18_000, audio.Frames);
        List<int> clicks = StageBox.Tests.Engine.EngineHarness.Onsets(audio.Channels[0]);
        Assert.Equal(Enumerable.Range(0, 13 * 6).Select(i => i * 18_000), clicks);
        Assert.Equal(audio.Channels[0], audio.Channels[1]);
        int barOne = 6 * 18_000;
        foreach (int stemOutput in new[] { 2, 3, 4, 5, 6 })
        {
            Assert.All(audio.Channels[stemOutput][..barOne], s => Assert.Equal(0, s));
            Assert.Contains(audio.Channels[stemOutput][barOne..], s => s != 0);
        }
        Assert.All(audio.Channels[7], s => Assert.Equal(0, s));
    }

    [Fact]
    public void Simulated_box_plays_the_setlist_headless_and_records_what_an_offline_render_gives()
    {
        string recording = Path.Combine(_demo.Work, "sim.wav");
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--sim", "--show", _demo.Show, "--play", "--exit-after", "3", "--record", recording);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("Midnight Drive | COUNT-IN | bar 0 beat 1/4", run.Output);
        Assert.Contains("Midnight Drive | PLAYING | bar 1 beat 1/4 | Intro | 120 BPM 4/4 | next: Harbour Lights", run.Output);
        Assert.Contains("audio went to clock-paced output", run.Output);
        Assert.Contains("audio thread: render p50", run.Output);
        Assert.Contains($"xruns: 0, recorded to {recording}", run.Output);

        string render = Path.Combine(_demo.Work, "drive.wav");
        Assert.Equal(0, StageBoxProcess.Run(_demo.Work, "render", Path.Combine(_demo.Show, "songs", "midnight-drive"), "-o", render).ExitCode);
        float[][] played = AudioFile.Read(recording).Channels, offline = AudioFile.Read(render).Channels;
        // Play lands on a period boundary after the loop starts: align on the first click.
        int start = Array.FindIndex(played[0], s => s != 0);
        int compared = played[0].Length - start;
        Assert.True(compared > 48_000, $"at least a second was played ({compared} frames)");
        for (int c = 0; c < 8; c++)
            Assert.Equal(offline[c][..compared], played[c][start..]);
    }

    [Fact]
    public void Run_plays_to_an_alsa_device_through_libasound()
    {
        string captured = Path.Combine(_demo.Work, "alsa.raw");
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--show", _demo.Show, "--device", $"file:FILE={captured},FORMAT=raw", "--play", "--exit-after", "2");
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("playing to ALSA 'file:FILE=", run.Output);
        Assert.Contains("xruns: 0", run.Output);
        Assert.True(new FileInfo(captured).Length > 8 * 4 * 48_000, "the device received audio");
    }

    [Fact]
    public void Run_names_the_device_when_it_cannot_be_opened()
    {
        StageBoxProcess.Result run = StageBoxProcess.Run(_demo.Work, "run", "--show", _demo.Show, "--device", "hw:97,0", "--exit-after", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ALSA device 'hw:97,0': open failed", run.Errors);
    }
}
