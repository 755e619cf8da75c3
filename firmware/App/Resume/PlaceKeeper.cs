using StageBox.App.Services;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;

namespace StageBox.App.Resume;

/// <summary>
/// Keeps the band's place in the set through a crash. Once a second it writes where the set is
/// to a small file on tmpfs; a box that starts and finds a place left by a run that did not end
/// as asked (killed, crashed, its audio thread failed, stopped by systemd's watchdog) comes back
/// there. Within <see cref="ResumeWindow"/> of the moment the place was taken, a song that was
/// playing plays on from where the band is now (the time away counted in, as after a device
/// dropout). Past the window, or when it was stopped, that song is cued, stopped: the next press
/// plays the song the band is on, never song 1 again. A run that ends as asked (q, Ctrl-C,
/// systemctl stop) removes the file, and the next start is at the top of the set.
/// </summary>
/// <remarks>
/// A box of a redundant pair has no place of its own: it follows the live box.
/// </remarks>
/// <param name="path">The place file: beside the status file, on the same tmpfs.</param>
internal sealed class PlaceKeeper(string path) : TickedService(TimeSpan.FromSeconds(1))
{
    private BoxLifetime? _lifetime;

    /// <summary>
    /// systemd restarts the box 200 ms after it dies, and it plays again within seconds; past half
    /// a minute the band has stopped or carried on without the track, and jumping in would surprise it.
    /// </summary>
    public static readonly TimeSpan ResumeWindow = TimeSpan.FromSeconds(30);

    /// <summary>The place file kept beside <paramref name="statusFile"/> (/run/stagebox/status.place on the box: tmpfs, gone at a power cut, when no band is waiting).</summary>
    public static PlaceKeeper BesideStatusFile(string statusFile) => new(statusFile + ".place");

    public override void Start(BoxPorts ports)
    {
        base.Start(ports);
        _lifetime = ports.Lifetime;
        if (File.Exists(path) && SetlistPlace.Parse(File.ReadAllText(path)) is SetlistPlace left) Resume(left);
    }

    private void Resume(SetlistPlace left)
    {
        IReadOnlyList<SetlistSlot> setlist = Ports.State.Read().Setlist;
        if (left.BootId != SetlistPlace.CurrentBootId || left.SongIndex >= setlist.Count || setlist[left.SongIndex].Song.Id != left.SongId)
        {
            Ports.Log.WriteLine("place: the last run left a place in another show or before a reboot; starting at the top of the set");
            return;
        }
        PreparedSong song = setlist[left.SongIndex].Song;
        long away = MonotonicClock.NowNanoseconds() - left.TakenAtNanoseconds;
        long bandFrame = left.SongFrame + (long)(away / 1e9 * song.SampleRate);
        if (left.Playing && away <= (long)ResumeWindow.TotalNanoseconds && bandFrame < song.EndFrame)
        {
            Ports.Actions.Send(TransportCommand.Follow(left.SongIndex, bandFrame));
            Ports.Log.WriteLine($"place: the last run ended {away / 1e9:0.0} s ago playing song {left.SongIndex + 1}; playing on in time with the band at frame {bandFrame}");
            return;
        }
        // A song the band has finished by now: the next one is where the set is.
        int cued = left.Playing && bandFrame >= song.EndFrame ? Math.Min(left.SongIndex + 1, setlist.Count - 1) : left.SongIndex;
        Ports.Actions.Send(TransportCommand.SelectSong(cued));
        Ports.Log.WriteLine($"place: the last run ended {away / 1e9:0.0} s ago {(left.Playing ? "playing" : "stopped at")} song {left.SongIndex + 1}; song {cued + 1} is cued");
    }

    public override void Tick(long nowNanoseconds)
    {
        PlaybackPosition position = Ports.Position.Read();
        IReadOnlyList<SetlistSlot> setlist = position.Setlist ?? Ports.State.Read().Setlist;
        bool playing = position.State is TransportState.Playing or TransportState.CountIn;
        var place = new SetlistPlace(position.SongIndex, setlist[position.SongIndex].Song.Id, position.SongFrame, playing, nowNanoseconds, SetlistPlace.CurrentBootId);
        string temporary = path + ".new";
        File.WriteAllText(temporary, place.ToText());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A run that ends as asked leaves no place; one whose audio failed leaves it for the restart.</summary>
    public override void Dispose()
    {
        if (_lifetime is { EndsOnFault: false }) File.Delete(path);
    }
}
