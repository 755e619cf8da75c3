using StageBox.Engine.Click;
using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Media.Wav;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Show;

/// <summary>From song.yaml and audio files to what the engine plays: channel selection, routing, gains, rates, click samples.</summary>
public class SongPreparerTests
{
    private const string Song = """
        title: Routing
        tempo_map:
          - { bar: 1, tempo: 120 }
        count_in: 0
        click:
          outputs: [1]
          level_db: -6
          accent_sample: click/hi.wav
        stems:
          - { file: keys.wav, channels: [2], outputs: [3, 4], gain_db: -6 }
          - { file: pad44k.wav, outputs: [5, 6] }
        cues:
          - { bar: 2, file: cue.wav, outputs: [8], gain_db: -6 }
        """;

    private static float[] Constant(float value, int frames) => Enumerable.Repeat(value, frames).ToArray();

    [Fact]
    public void Selected_file_channels_reach_their_outputs_at_their_gain_and_other_rates_are_resampled()
    {
        using var folder = new TempShowFolder().Text("songs/routing/song.yaml", Song);
        Directory.CreateDirectory(folder.PathOf("songs/routing/click"));
        WavWriter.WritePlanarFloat(folder.PathOf("songs/routing/keys.wav"), Rate, [Constant(0.1f, 3 * Rate), Constant(0.5f, 3 * Rate)], SampleFormat.Float32);
        WavWriter.WritePlanarFloat(folder.PathOf("songs/routing/pad44k.wav"), 44_100, [Constant(0.25f, 44_100), Constant(-0.25f, 44_100)], SampleFormat.Float32);
        WavWriter.WritePlanarFloat(folder.PathOf("songs/routing/cue.wav"), Rate, [Constant(0.3f, 100)], SampleFormat.Float32);
        float[] accent = Enumerable.Range(0, 64).Select(i => 0.9f - i * 0.01f).ToArray();
        WavWriter.WritePlanarFloat(folder.PathOf("songs/routing/click/hi.wav"), Rate, [accent], SampleFormat.Float32);
        LoadResult<SongDefinition> loaded = ShowLoader.LoadSong(folder.PathOf("songs/routing"));
        Assert.Empty(loaded.Errors);

        PreparedSong song = new SongPreparer(Rate).Prepare(loaded.Value!);

        Assert.Equal(accent, song.Click.Sounds.For(ClickKind.Accent));
        Assert.Equal(3 * Rate, song.EndFrame);
        Assert.Equal(Rate, song.Clips[1].Audio.Frames);
        float[][] output = RenderSong(song, channels: 8);
        float half = Decibels.ToGain(-6);
        Assert.Equal(0.5f * half, output[2][1000]);
        Assert.Equal(0.5f * half, output[3][1000]);
        Assert.Equal(0.25f, output[4][24_000], 3);
        Assert.Equal(-0.25f, output[5][24_000], 3);
        Assert.Equal(0.9f * half, output[0][0]);
        Assert.Equal(0, output[7][96_000 - 1]);
        Assert.Equal(0.3f * half, output[7][96_000]);
        Assert.Equal(0, output[7][96_000 + 100]);
    }
}
