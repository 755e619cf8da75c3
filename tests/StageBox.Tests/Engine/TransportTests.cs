using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

public class TransportTests
{
    /// <summary>A stem whose every sample tells which frame of the song it is, so a test can read the position off the audio.</summary>
    private static PreparedStem PositionStem(long frames, int output) => Stem("position", i => (i + 1) / 1_000_000f, frames, output);

    private static long PositionIn(float sample) => (long)Math.Round(sample * 1_000_000f) - 1;

    [Fact]
    public void Segue_plays_the_next_songs_first_frame_right_after_the_last_one_with_no_gap()
    {
        PreparedSong first = Song(Constant(120), bars: 2, stems: [Stem("a", _ => 0.5f, 192_000, 1)], id: "first", clickOutputs: [0]);
        PreparedSong second = Song(Constant(97), countIn: 2, stems: [Stem("b", i => i == 0 ? 0.9f : 0.25f, 48_000, 1)], id: "second", clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 250, new SetlistSlot(first, SongEnd.Segue), new SetlistSlot(second, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);

        float[] stems = Render(engine, 1000)[1];

        Assert.Equal(0.5f, stems[191_999]);
        Assert.Equal(0.9f, stems[192_000]);
        Assert.Equal(0.25f, stems[192_001]);
        Assert.Equal(0, stems[240_000]);
        Assert.Equal(192_000, Array.FindIndex(stems, s => s == 0.9f));
        Assert.Equal(TransportState.Stopped, engine.Position.Read().State);
    }

    [Fact]
    public void Next_starts_the_following_song_with_its_count_in()
    {
        PreparedSong first = Song(Constant(120), bars: 1, stems: [Stem("a", _ => 0.5f, 96_000, 1)], id: "first", clickOutputs: [0]);
        PreparedSong second = Song(Constant(120), countIn: 1, stems: [Stem("b", _ => 0.25f, 48_000, 1)], id: "second", clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(first, SongEnd.Next), new SetlistSlot(second, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);

        float[][] output = Render(engine, 1200);

        Assert.Equal(96_000 + 96_000, Array.FindIndex(output[1], 96_000, s => s == 0.25f));
        Assert.Equal(96_000, Onsets(output[0])[4]);
    }

    [Fact]
    public void Song_that_ends_with_stop_cues_the_next_song()
    {
        PreparedSong first = Song(Constant(120), bars: 1, id: "first");
        PreparedSong second = Song(Constant(90), countIn: 1, bars: 1, id: "second");
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(first, SongEnd.Stop), new SetlistSlot(second, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        float[][] output = Render(engine, 600);

        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(TransportState.Stopped, position.State);
        Assert.Equal(1, position.SongIndex);
        Assert.Equal(0, position.Bar);
        Assert.All(output[0][96_000..], s => Assert.Equal(0, s));
    }

    [Fact]
    public void Stop_fades_out_within_ten_milliseconds_without_a_click()
    {
        // A full-level 440 Hz sine: its steepest sample-to-sample step is 2 pi 440 / 48000 = 0.058.
        const float level = 1f;
        PreparedSong song = Song(Constant(120), stems: [Stem("sine", i => level * MathF.Sin(2 * MathF.PI * 440 * i / Rate), Rate * 10, 0)], clickOutputs: [1]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        float[] output = Render(engine, 200, (period, e) => { if (period == 100) e.Commands.TryEnqueue(TransportCommand.Stop); })[0];

        int stopAt = 100 * 256, fadeFrames = (int)(PlaybackEngine.StopFadeSeconds * Rate);
        float steepestSine = 2 * MathF.PI * 440 / Rate * level;
        for (int i = stopAt - 1000; i < stopAt + fadeFrames + 10; i++)
            Assert.True(Math.Abs(output[i + 1] - output[i]) <= steepestSine * 1.01f, $"a step of {output[i + 1] - output[i]} at frame {i}");
        Assert.True(Math.Abs(output[stopAt + 10]) > 0 || Math.Abs(output[stopAt + 20]) > 0, "the fade starts at the stop");
        Assert.All(output[(stopAt + fadeFrames)..], s => Assert.Equal(0, s));
        Assert.Equal(TransportState.Stopped, engine.Position.Read().State);
        Assert.Equal(song.StartFrame, engine.Position.Read().SongFrame);
    }

    [Fact]
    public void Quantized_jump_lands_on_the_next_bar_line()
    {
        PreparedSong song = Song(Constant(120), stems: [PositionStem(Rate * 60, 1)], sections: [("Intro", 1), ("Verse", 5), ("Chorus", 9)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        // Frame 100 x 256 = 25600 is in bar 1; the next bar line is 96000 (bar 2). Jump to the chorus (bar 9, frame 768000).
        float[][] output = Render(engine, 800, (period, e) => { if (period == 100) e.Commands.TryEnqueue(TransportCommand.LocateSection(2, Quantize.NextBar)); });

        Assert.Equal(95_999, PositionIn(output[1][95_999]));
        int afterCrossfade = 96_000 + PlaybackEngine.JumpCrossfadeFrames;
        Assert.Equal(768_000 + PlaybackEngine.JumpCrossfadeFrames, PositionIn(output[1][afterCrossfade]));
        Assert.Contains(96_000, Onsets(output[0]));
        Assert.Equal(ClickSoundsAccent(), output[0][96_000]);
        Assert.Equal(2, engine.Position.Read().SectionIndex);
    }

    [Fact]
    public void End_of_section_jump_waits_for_the_section_to_finish_and_loops_it()
    {
        PreparedSong song = Song(Constant(120), stems: [PositionStem(Rate * 60, 1)], sections: [("Intro", 1), ("Verse", 3), ("Chorus", 5)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        // In the verse (bars 3-4) at period 800 (frame 204800): loop back to the verse start when it ends (bar 5, frame 384000).
        float[][] output = Render(engine, 1700, (period, e) => { if (period == 800) e.Commands.TryEnqueue(TransportCommand.LocateSection(1, Quantize.EndOfSection)); });

        Assert.Equal(383_999, PositionIn(output[1][383_999]));
        Assert.Equal(192_000 + PlaybackEngine.JumpCrossfadeFrames, PositionIn(output[1][384_000 + PlaybackEngine.JumpCrossfadeFrames]));
    }

    [Fact]
    public void Crossfade_at_a_jump_moves_smoothly_between_old_and_new_audio()
    {
        PreparedSong song = Song(Constant(120), stems: [Stem("ramp", i => i < 96_000 ? 0.8f : -0.8f, Rate * 10, 1)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        float[] output = Render(engine, 40, (period, e) => { if (period == 10) e.Commands.TryEnqueue(TransportCommand.LocateBar(3)); })[1];
        int jump = 10 * 256;
        for (int i = jump - 2; i < jump + PlaybackEngine.JumpCrossfadeFrames + 2; i++)
            Assert.True(Math.Abs(output[i + 1] - output[i]) <= 1.6f / PlaybackEngine.JumpCrossfadeFrames * 1.01f);
        Assert.Equal(-0.8f, output[jump + PlaybackEngine.JumpCrossfadeFrames]);
    }

    [Fact]
    public void Locate_while_stopped_cues_and_play_starts_there_without_count_in()
    {
        PreparedSong song = Song(Constant(120), countIn: 2, stems: [PositionStem(Rate * 30, 1)], sections: [("Intro", 1), ("Verse", 5)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.NextSection());
        engine.Commands.TryEnqueue(TransportCommand.Play);
        float[] stems = Render(engine, 4)[1];
        Assert.Equal(4 * 96_000, PositionIn(stems[0]));
        Assert.Equal(5, engine.Position.Read().Bar);
    }

    [Fact]
    public void Next_song_while_playing_moves_the_cursor_without_cutting_the_song()
    {
        PreparedSong[] songs = Enumerable.Range(0, 3).Select(i => Song(Constant(120), bars: 1, id: $"s{i}")).ToArray();
        PlaybackEngine engine = NewEngine(2, 256, songs.Select(s => new SetlistSlot(s, SongEnd.Stop)).ToArray());
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 10, (period, e) => { if (period == 5) { e.Commands.TryEnqueue(TransportCommand.NextSong); } });
        PlaybackPosition playing = engine.Position.Read();
        Assert.Equal((TransportState.Playing, 0, 2), (playing.State, playing.SongIndex, playing.NextSongIndex));
        Render(engine, 400);
        Assert.Equal(2, engine.Position.Read().SongIndex);
    }

    [Fact]
    public void Position_reports_bar_beat_section_tempo_and_count_in()
    {
        PreparedSong song = Song(Constant(120, 6, 8), countIn: 1, bars: 8, sections: [("Intro", 1), ("Verse", 3)]);
        PlaybackEngine engine = NewEngine(2, 240, new SetlistSlot(song, SongEnd.Segue));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        Render(engine, 1);
        PlaybackPosition countIn = engine.Position.Read();
        Assert.Equal((TransportState.CountIn, 0, 1, 6, 8), (countIn.State, countIn.Bar, countIn.Beat, countIn.BeatsPerBar, countIn.BeatUnit));
        // 1.5 s of count-in and 2 bars of 1.5 s + 2 eighths: bar 3 beat 3.
        Render(engine, (72_000 + 144_000 + 24_000) / 240 - 1);
        PlaybackPosition verse = engine.Position.Read();
        Assert.Equal((TransportState.Playing, 3, 3, 1, 120.0), (verse.State, verse.Bar, verse.Beat, verse.SectionIndex, verse.Tempo));
        Assert.Equal(8 * 72_000 - 168_000, verse.FramesRemaining);
        Assert.False(verse.SegueArmed, "no song follows the last one");
    }

    [Fact]
    public void Section_loop_repeats_the_section_at_its_end_until_toggled_off()
    {
        PreparedSong song = Song(Constant(120), stems: [PositionStem(Rate * 60, 1)], sections: [("Intro", 1), ("Vamp", 3), ("Out", 5)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 256, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        // Bars 3-4 (frames 192000-384000) loop twice after the toggle at period 800 (frame 204800), then play on.
        float[] stems = Render(engine, 3100, (period, e) =>
        {
            if (period == 800) e.Commands.TryEnqueue(TransportCommand.ToggleSectionLoop);
            if (period == 2300) e.Commands.TryEnqueue(TransportCommand.ToggleSectionLoop);
        })[1];
        int fade = PlaybackEngine.JumpCrossfadeFrames;
        Assert.Equal(383_999, PositionIn(stems[383_999]));
        Assert.Equal(192_000 + fade, PositionIn(stems[384_000 + fade]));
        Assert.Equal(192_000 + fade, PositionIn(stems[576_000 + fade]));
        // Off at output frame 588800, in the third round (output 576000-768000): that round plays on into bar 5.
        Assert.Equal(384_000, PositionIn(stems[768_000 + 0]));
        Assert.Equal(-1, engine.Position.Read().LoopedSection);
    }

    [Fact]
    public void Click_level_and_mute_change_the_click_alone()
    {
        PreparedSong song = Song(Constant(120), stems: [Stem("bed", _ => 0.25f, Rate * 10, 1)], clickOutputs: [0]);
        PlaybackEngine engine = NewEngine(2, 240, new SetlistSlot(song, SongEnd.Stop));
        engine.Commands.TryEnqueue(TransportCommand.Play);
        float[][] output = Render(engine, 600, (period, e) =>
        {
            if (period == 50) e.Commands.TryEnqueue(TransportCommand.ClickLevel(-60));
            if (period == 250) e.Commands.TryEnqueue(TransportCommand.ToggleClickMute);
        });
        float accent = ClickSoundsAccent(), beat = StageBox.Engine.Click.ClickSounds.Synthesize(Rate).For(StageBox.Engine.Click.ClickKind.Beat)[0];
        Assert.Equal(accent, output[0][0]);
        Assert.Equal(beat * StageBox.Engine.Mixing.Decibels.ToGain(-6), output[0][24_000], 6);
        Assert.All(output[0][(250 * 240)..], s => Assert.Equal(0, s));
        Assert.All(output[1], s => Assert.Equal(0.25f, s));
        PlaybackPosition position = engine.Position.Read();
        Assert.Equal((-6.0, true), (position.ClickTrimDb, position.ClickMuted));
    }

    [Fact]
    public void Song_cursor_moves_by_several_songs_and_stops_at_the_ends()
    {
        PreparedSong[] songs = Enumerable.Range(0, 5).Select(i => Song(Constant(120), bars: 1, id: $"s{i}")).ToArray();
        PlaybackEngine engine = NewEngine(2, 256, songs.Select(s => new SetlistSlot(s, SongEnd.Stop)).ToArray());
        engine.Commands.TryEnqueue(TransportCommand.MoveSongCursor(3));
        Render(engine, 1);
        Assert.Equal(3, engine.Position.Read().SongIndex);
        engine.Commands.TryEnqueue(TransportCommand.MoveSongCursor(7));
        Render(engine, 1);
        Assert.Equal(4, engine.Position.Read().SongIndex);
        engine.Commands.TryEnqueue(TransportCommand.MoveSongCursor(-9));
        Render(engine, 1);
        Assert.Equal(0, engine.Position.Read().SongIndex);
    }

    private static float ClickSoundsAccent() => StageBox.Engine.Click.ClickSounds.Synthesize(Rate).For(StageBox.Engine.Click.ClickKind.Accent)[0];
}
