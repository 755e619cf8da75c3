using StageBox.Engine.Songs;
using StageBox.Engine.Transport;

namespace StageBox.Control.Views;

/// <summary>
/// What the stage screen shows, worked out from a position snapshot and the setlist: the
/// words and numbers, not the pixels. Shared by every view (terminal, panel).
/// </summary>
public sealed record StageStatus(
    string Song, string Transport, int Bar, int Beat, int BeatsPerBar, string Meter, string Tempo,
    string Section, string NextSong, TimeSpan Elapsed, TimeSpan Remaining, int SongNumber, int SongCount)
{
    public static StageStatus From(PlaybackPosition position, IReadOnlyList<SetlistSlot> setlist)
    {
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
            setlist.Count);
    }
}
