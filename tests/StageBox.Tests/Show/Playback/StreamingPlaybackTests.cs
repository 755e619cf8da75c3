using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Streaming;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Playback;

/// <summary>
/// Stems streamed from disk by the read-ahead play exactly what the same stems decoded into
/// memory play: through starts, section jumps, loops and segues, even with a read-ahead that
/// runs only every 100 ms of audio; what is not resident plays as silence and is counted.
/// </summary>
public sealed class StreamingPlaybackTests
{
    private const int Period = 256;

    private static ShowDefinition Load(TempShowFolder folder)
    {
        LoadResult<ShowDefinition> show = ShowLoader.LoadShow(folder.Root, StreamedShow.Outputs);
        Assert.True(show.Succeeded, string.Join("\n", show.Errors));
        return show.Value;
    }

    private static PlaybackEngine Engine(IReadOnlyList<SetlistSlot> setlist) =>
        new(setlist, new PcmFormat(StreamedShow.Rate, StreamedShow.Outputs, SampleFormat.Float32), Period);

    /// <summary>Renders the script (a command at a period) on both engines, the read-ahead filling every <paramref name="fillEvery"/> periods; returns the streamed engine.</summary>
    private static PlaybackEngine RenderBoth(ShowDefinition show, int periods, int fillEvery, params (int Period, TransportCommand Command)[] script)
    {
        IReadOnlyList<SetlistSlot> inMemory = new SongPreparer(StreamedShow.Rate).PrepareSetlist(show, "main");
        var streams = new StemStreams(StreamedShow.Rate);
        IReadOnlyList<SetlistSlot> streamed = new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(show, "main");
        Assert.All(streamed.SelectMany(slot => slot.Song.Clips), clip => Assert.IsType<StreamedClip>(clip.Audio));
        PlaybackEngine reference = Engine(inMemory), engine = Engine(streamed);
        using var readAhead = new StemReadAhead(streams, engine.Position);
        byte[] expected = new byte[engine.PeriodBytes], actual = new byte[engine.PeriodBytes];
        for (int period = 0; period < periods; period++)
        {
            foreach ((int at, TransportCommand command) in script.Where(step => step.Period == period))
            {
                reference.Commands.TryEnqueue(command);
                engine.Commands.TryEnqueue(command);
            }
            if (period % fillEvery == 0) readAhead.FillOnce();
            reference.RenderPeriod(expected);
            engine.RenderPeriod(actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"period {period} (song {engine.Position.Read().SongIndex}, frame {engine.Position.Read().SongFrame}) differs from the in-memory render");
        }
        return engine;
    }

    [Fact]
    public void A_setlist_with_a_segue_streams_sample_for_sample_as_in_memory_with_no_frame_missing()
    {
        using TempShowFolder folder = StreamedShow.Write(songs: 3, bars: 6);
        // 6 bars of 2 s: 12 s a song; 30 s runs through two segues into the third song.
        PlaybackEngine engine = RenderBoth(Load(folder), periods: 30 * StreamedShow.Rate / Period, fillEvery: 1, (0, TransportCommand.Play));
        PlaybackPosition position = engine.Position.Read();
        Assert.Equal((2, TransportState.Playing), (position.SongIndex, position.State));
        Assert.Equal(0, position.MissingStemFrames);
    }

    [Fact]
    public void Jumps_loops_and_segues_play_at_once_from_the_pinned_heads_while_the_read_ahead_runs_every_100_ms()
    {
        using TempShowFolder folder = StreamedShow.Write(songs: 2, bars: 6);
        const int fillEvery = 19; // 101 ms of audio between passes
        PlaybackEngine engine = RenderBoth(Load(folder), periods: 30 * StreamedShow.Rate / Period, fillEvery,
            (0, TransportCommand.Play),
            (200, TransportCommand.LocateSection(2)),                          // into the chorus at once
            (400, TransportCommand.LocateSection(1, Quantize.NextBar)),        // back to the verse on the next bar
            (700, TransportCommand.ToggleSectionLoop),                         // loop the verse: back to its start at its end
            (1500, TransportCommand.ToggleSectionLoop),
            (1600, TransportCommand.NextSection(Quantize.EndOfSection)));     // then on to the end and the segue
        PlaybackPosition position = engine.Position.Read();
        Assert.Equal(1, position.SongIndex);
        Assert.Equal(0, position.MissingStemFrames);
    }

    [Fact]
    public void A_jump_to_a_bar_that_is_not_read_ahead_plays_silence_for_what_is_missing_and_counts_it()
    {
        using TempShowFolder folder = StreamedShow.Write(songs: 1, bars: 8);
        ShowDefinition show = Load(folder);
        var streams = new StemStreams(StreamedShow.Rate);
        PlaybackEngine engine = Engine(new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(show, "main"));
        using var readAhead = new StemReadAhead(streams, engine.Position);
        readAhead.FillOnce();
        engine.Commands.TryEnqueue(TransportCommand.Play);
        var period = new byte[engine.PeriodBytes];
        engine.RenderPeriod(period);
        Assert.Contains(period, b => b != 0);
        // Bar 8 is no section start and 14 s ahead: nothing of it is resident until the read-ahead's next pass.
        engine.Commands.TryEnqueue(TransportCommand.LocateBar(8));
        for (int i = 0; i < 4; i++) engine.RenderPeriod(period);
        const int stems = 2;
        Assert.Equal(4 * Period * stems, engine.Position.Read().MissingStemFrames);
        readAhead.FillOnce();
        long missing = engine.Position.Read().MissingStemFrames;
        engine.RenderPeriod(period);
        Assert.Equal(missing, engine.Position.Read().MissingStemFrames);
    }

    /// <summary>A stem whose samples are a hole in the file (sparse): a two-hour show of them takes no disk.</summary>
    private static bool WriteSparse(string path, int channels, long frames)
    {
        long dataBytes = frames * channels * sizeof(float);
        using var file = new FileStream(path, FileMode.CreateNew);
        using var header = new BinaryWriter(file);
        header.Write("RIFF"u8); header.Write((uint)(36 + dataBytes)); header.Write("WAVE"u8);
        header.Write("fmt "u8); header.Write(16u); header.Write((ushort)3); header.Write((ushort)channels);
        header.Write(StreamedShow.Rate); header.Write(StreamedShow.Rate * channels * sizeof(float)); header.Write((ushort)(channels * sizeof(float))); header.Write((ushort)32);
        header.Write("data"u8); header.Write((uint)dataBytes);
        header.Flush();
        file.SetLength(file.Position + dataBytes);
        return true;
    }

    /// <summary>Cues every song in turn, plays a second of it and stops; returns the read-ahead's memory.</summary>
    private static long MemoryAfterVisitingEverySong(TempShowFolder folder, int songs)
    {
        var streams = new StemStreams(StreamedShow.Rate);
        PlaybackEngine engine = Engine(new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(Load(folder), "main"));
        using var readAhead = new StemReadAhead(streams, engine.Position);
        var period = new byte[engine.PeriodBytes];
        for (int song = 0; song < songs; song++)
        {
            foreach (TransportCommand command in new[] { TransportCommand.SelectSong(song), TransportCommand.Play, TransportCommand.Stop })
            {
                engine.Commands.TryEnqueue(command);
                for (int i = 0; i < StreamedShow.Rate / Period; i++)
                {
                    if (i % 19 == 0) readAhead.FillOnce();
                    engine.RenderPeriod(period);
                }
            }
            Assert.Equal(song, engine.Position.Read().SongIndex);
        }
        Assert.Equal(0, engine.Position.Read().MissingStemFrames);
        return readAhead.BytesAllocated;
    }

    [Fact]
    public void The_read_ahead_holds_as_much_for_a_two_hour_show_as_for_a_three_song_one()
    {
        using TempShowFolder shortShow = StreamedShow.Write(songs: 3, bars: 120, WriteSparse);
        using TempShowFolder twoHours = StreamedShow.Write(songs: 30, bars: 120, WriteSparse); // 30 songs of 4 minutes
        long forShort = MemoryAfterVisitingEverySong(shortShow, 3), forTwoHours = MemoryAfterVisitingEverySong(twoHours, 30);
        Assert.Equal(forShort, forTwoHours);
        // A ring of 4 s and heads at the start and 3 sections of the current song and the next
        // song's start, for a mono and a stereo stem: about 7 MiB, where the songs are 22 MB each.
        Assert.InRange(forTwoHours, 1 << 20, 10 << 20);
    }

    [Fact]
    public void Rendering_streamed_stems_allocates_nothing_whether_their_blocks_are_resident_or_not()
    {
        using TempShowFolder folder = StreamedShow.Write(songs: 2, bars: 8);
        var streams = new StemStreams(StreamedShow.Rate);
        PlaybackEngine engine = Engine(new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(Load(folder), "main"));
        using var readAhead = new StemReadAhead(streams, engine.Position);
        readAhead.FillOnce();
        var period = new byte[engine.PeriodBytes];
        engine.Commands.TryEnqueue(TransportCommand.Play);
        void FromTheRingThenFromNowhere()
        {
            engine.Commands.TryEnqueue(TransportCommand.LocateBar(1));
            for (int i = 0; i < 100; i++) engine.RenderPeriod(period); // resident: the ring and the start's head
            engine.Commands.TryEnqueue(TransportCommand.LocateBar(7));
            for (int i = 0; i < 100; i++) engine.RenderPeriod(period); // not resident: silence, counted
        }
        FromTheRingThenFromNowhere(); // the first time round compiles and initialises what it touches
        Assert.Equal(0, Allocations.During(FromTheRingThenFromNowhere));
        Assert.True(engine.Position.Read().MissingStemFrames > 0);
    }

    [Fact]
    public void A_stem_file_cut_short_under_the_box_falls_silent_with_a_message_and_the_other_stems_play_on()
    {
        using TempShowFolder folder = StreamedShow.Write(songs: 1, bars: 8);
        var streams = new StemStreams(StreamedShow.Rate);
        PlaybackEngine engine = Engine(new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(Load(folder), "main"));
        using (var keys = new FileStream(folder.PathOf("songs/song01/keys.wav"), FileMode.Open)) keys.SetLength(1000);
        using var readAhead = new StemReadAhead(streams, engine.Position);
        readAhead.FillOnce();
        string problem = Assert.Single(readAhead.TakeProblems());
        Assert.Contains("songs/song01/keys.wav: cannot be read", problem);
        Assert.True(readAhead.IsReady);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        var period = new byte[engine.PeriodBytes];
        float[] bass = new float[Period], keysLeft = new float[Period];
        engine.RenderPeriod(period);
        ReadOnlySpan<float> samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(period);
        for (int frame = 0; frame < Period; frame++) (bass[frame], keysLeft[frame]) = (samples[frame * StreamedShow.Outputs + 2], samples[frame * StreamedShow.Outputs + 3]);
        Assert.Contains(bass, sample => sample != 0);
        Assert.All(keysLeft, sample => Assert.Equal(0, sample));
        Assert.Equal(Period, engine.Position.Read().MissingStemFrames);
    }

    [Fact]
    public void A_show_imported_while_playing_segues_in_where_the_song_ends_with_its_next_song_read_ahead()
    {
        using TempShowFolder playing = StreamedShow.Write(songs: 2, bars: 6), imported = StreamedShow.Write(songs: 2, bars: 6);
        var streams = new StemStreams(StreamedShow.Rate);
        PlaybackEngine engine = Engine(new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(Load(playing), "main"));
        IReadOnlyList<SetlistSlot> newShow = new SongPreparer(StreamedShow.Rate, streams).PrepareSetlist(Load(imported), "main");
        using var readAhead = new StemReadAhead(streams, engine.Position, () => engine.OfferedSetlist);
        var period = new byte[engine.PeriodBytes];
        engine.Commands.TryEnqueue(TransportCommand.Play);
        // The first song (12 s) segues into song02; the new show, offered a second in, takes over
        // there, landing on its own song02, which has never been played or cued.
        for (int i = 0; i < 14 * StreamedShow.Rate / Period; i++)
        {
            if (i == StreamedShow.Rate / Period) engine.OfferSetlist(newShow);
            if (i % 19 == 0) readAhead.FillOnce(); // every 100 ms of audio
            engine.RenderPeriod(period);
        }
        PlaybackPosition position = engine.Position.Read();
        Assert.Same(newShow[1].Song, position.Setlist![position.SongIndex].Song);
        Assert.Equal(TransportState.Playing, position.State);
        Assert.Equal(0, position.MissingStemFrames);
    }
}
