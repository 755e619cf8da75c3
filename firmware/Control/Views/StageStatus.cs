using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;

namespace StageBox.Control.Views;

/// <summary>
/// What the stage screen shows, worked out from a position snapshot and the setlist: the
/// words and numbers, not the pixels. Shared by every view (terminal, panel, status file).
/// </summary>
public sealed record StageStatus(
    string Song, string Transport, int Bar, int Beat, int BeatsPerBar, string Meter, string Tempo,
    string Section, string NextSong, TimeSpan Elapsed, TimeSpan Remaining, int SongNumber, int SongCount)
{
    public TransportState State { get; init; }
    public bool SegueArmed { get; init; }
    public bool LoopingSection { get; init; }

    /// <summary>Bit b set: beat b+1 of the bar starts a group (7/8 as 2+2+3 sets bits 0, 2 and 4).</summary>
    public ulong GroupStarts { get; init; } = 1;

    /// <summary>During the count-in, the bars of it still to come, this one included (2, then 1).</summary>
    public int CountInBarsLeft => State == TransportState.CountIn ? 1 - Bar : 0;

    /// <param name="setlist">The running order, for a position that does not carry its own (one made by hand).</param>
    public static StageStatus From(PlaybackPosition position, IReadOnlyList<SetlistSlot> setlist)
    {
        // The engine's positions name their own setlist: after a new show takes over, its titles, never the old ones.
        setlist = position.Setlist ?? setlist;
        PreparedSong song = setlist[position.SongIndex].Song;
        double rate = song.SampleRate;
        string transport = position.State switch
        {
            TransportState.Stopped => "STOPPED",
            TransportState.CountIn => "COUNT-IN",
            TransportState.Stopping => "STOPPING",
            _ when position.SegueArmed => "PLAYING, SEGUE ARMED",
            _ => "PLAYING",
        };
        return new StageStatus(
            song.Title,
            transport,
            position.Bar,
            position.Beat,
            position.BeatsPerBar,
            $"{position.BeatsPerBar}/{position.BeatUnit}",
            $"{position.Tempo:0.#} BPM",
            position.SectionIndex >= 0 ? song.Sections[position.SectionIndex].Name : "",
            position.NextSongIndex < setlist.Count ? setlist[position.NextSongIndex].Song.Title : "(end of set)",
            TimeSpan.FromSeconds(Math.Max(0, position.SongFrame) / rate),
            TimeSpan.FromSeconds(Math.Max(0, position.FramesRemaining) / rate),
            position.SongIndex + 1,
            setlist.Count)
        {
            State = position.State,
            SegueArmed = position.SegueArmed,
            LoopingSection = position.LoopedSection >= 0,
            GroupStarts = GroupStartsOf(song.Beats.Meters[Math.Max(0, song.Beats.BeatAt(position.SongFrame))]),
        };
    }

    private static ulong GroupStartsOf(Meter meter)
    {
        ulong starts = 0;
        for (int beat = 0; beat < meter.Numerator; beat++)
            if (meter.IsGroupStart(beat)) starts |= 1UL << beat;
        return starts;
    }
}
