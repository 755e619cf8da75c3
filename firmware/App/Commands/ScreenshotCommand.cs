using StageBox.App.Session;
using StageBox.App.Screen;
using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;
using StageBox.Media.Images;
using StageBox.Hal.Sim;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox screenshot SONG_DIR --bar N -o OUT.png</c>: one frame of the stage screen at a
/// position of a song, made the way the box makes it: the real engine brought to that bar and
/// beat, the screen drawn, sent through the ILI9341 driver, decoded by the panel emulator and
/// written as PNG. A song inside a show folder is shown in its setlist (song number, next song,
/// segue). Options put alerts and the redundancy state on the status line.
/// </summary>
internal static class ScreenshotCommand
{
    private enum ShotState { Stopped, CountIn, Playing }

    public static Command Create(Option<string?> configOption)
    {
        var songFolder = new Argument<string>("SONG_DIR") { Description = "a song folder holding song.yaml" };
        var output = new Option<string>("--output", "-o") { Description = "the PNG file to write", Required = true };
        var bar = new Option<int>("--bar") { Description = "the bar to show (the cued bar when stopped)", DefaultValueFactory = _ => 1 };
        var beat = new Option<int>("--beat") { Description = "the beat of the bar, just landed", DefaultValueFactory = _ => 1 };
        var state = new Option<ShotState>("--state") { Description = "transport state: Stopped, CountIn (the count-in's first bar) or Playing", DefaultValueFactory = _ => ShotState.Playing };
        var setlist = new Option<string?>("--setlist") { Description = "the setlist to show the song in (default: the first that has it)" };
        var browse = new Option<bool>("--browse") { Description = "show the setlist as when the encoder browses" };
        var import = new Option<int?>("--import") { Description = "an import from a USB stick in progress, this many percent done" };
        var deviceLost = new Option<bool>("--device-lost") { Description = "the audio interface has gone away" };
        var xruns = new Option<int>("--xruns") { Description = "underruns to report" };
        var role = new Option<RedundancyRole>("--role") { Description = "redundancy role: Standalone, Primary or Backup", DefaultValueFactory = _ => RedundancyRole.Standalone };
        var backupLive = new Option<bool>("--backup-live") { Description = "the backup has taken over (implies --role Backup)" };
        var command = new Command("screenshot", "Render one frame of the stage screen for a position in a song, as PNG")
            { songFolder, output, bar, beat, state, setlist, browse, import, deviceLost, xruns, role, backupLive };
        command.SetAction(parse =>
        {
            AudioSettings audio = ConfigurationLoader.Load(parse.GetValue(configOption)).Audio;
            string folder = Path.GetFullPath(parse.GetValue(songFolder)!);
            (IReadOnlyList<SetlistSlot>? slots, int index) = Setlist(folder, parse.GetValue(setlist), audio);
            if (slots is null) return 1;
            PlaybackPosition? position = Position(slots, index, audio, parse.GetValue(state), parse.GetValue(bar), parse.GetValue(beat));
            if (position is not PlaybackPosition at) return 1;
            bool live = parse.GetValue(backupLive);
            RedundancyRole redundancyRole = live ? RedundancyRole.Backup : parse.GetValue(role);
            var alerts = new BoxAlerts(
                redundancyRole == RedundancyRole.Standalone ? RedundancyStatus.Standalone : new RedundancyStatus(redundancyRole, LinkUp: true, Armed: true, BackupLive: live),
                parse.GetValue(import) is int percent ? new ImportProgress("USB stick", percent / 100.0, "converting") : null,
                DeviceAway: parse.GetValue(deviceLost), DeviceLosses: parse.GetValue(deviceLost) ? 1 : 0, Xruns: parse.GetValue(xruns));
            SetlistPage? page = parse.GetValue(browse) ? new SetlistPage(slots.Select(s => s.Song.Title).ToArray(), ScreenMoments.CursorOf(at), at.State == TransportState.Stopped ? -1 : at.SongIndex) : null;
            var content = new ScreenContent(StageStatus.From(at, slots), alerts, BeatFlash: at.State != TransportState.Stopped, page);
            string path = parse.GetValue(output)!;
            PngFile.Write(path, ThroughThePanel(content));
            Console.WriteLine($"{path}: {content.Status.Song}, {content.Status.Transport}, bar {content.Status.Bar} beat {content.Status.Beat}");
            return 0;
        });
        return command;
    }

    /// <summary>Draws the screen, sends it through the driver into the emulator and returns what its glass shows.</summary>
    private static FrameBuffer ThroughThePanel(ScreenContent content)
    {
        using var fonts = new ScreenFonts();
        var frame = new FrameBuffer(StageScreen.Width, StageScreen.Height);
        new StageScreen(fonts).Draw(content, frame);
        var emulator = new Ili9341Emulator();
        var panel = new Ili9341Panel(emulator.Wiring, PanelRotation.Landscape);
        panel.Initialize();
        panel.Present(frame);
        if (emulator.Violations.Count > 0) throw new InvalidOperationException("the panel emulator saw: " + string.Join("; ", emulator.Violations));
        return emulator.Snapshot();
    }

    /// <summary>The song's setlist when it sits in a show folder that has one with it, else the song alone; and its index there.</summary>
    private static (IReadOnlyList<SetlistSlot>?, int) Setlist(string songFolder, string? wanted, AudioSettings audio)
    {
        var preparer = new SongPreparer(audio.Rate);
        string songId = Path.GetFileName(songFolder);
        string? showFolder = Path.GetDirectoryName(Path.GetDirectoryName(songFolder));
        bool inShow = showFolder is not null && Path.GetFileName(Path.GetDirectoryName(songFolder)) == ShowLayout.SongsFolder
            && Directory.Exists(Path.Combine(showFolder, ShowLayout.SetlistsFolder));
        if (inShow)
        {
            ShowDefinition? show = ShowFiles.LoadOrReport(ShowLoader.LoadShow(showFolder!, audio.Channels), Console.Error);
            if (show is null) return (null, 0);
            string? name = wanted ?? show.Setlists.Values.OrderBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(s => s.Songs.Any(e => e.SongId == songId))?.Name;
            if (name is not null)
            {
                if (!show.Setlists.TryGetValue(name, out SetlistDefinition? chosen) || chosen.Songs.All(e => e.SongId != songId))
                {
                    Console.Error.WriteLine($"{showFolder}: error: setlist '{name}' does not exist or does not have '{songId}'");
                    return (null, 0);
                }
                return (preparer.PrepareSetlist(show, name), chosen.Songs.ToList().FindIndex(e => e.SongId == songId));
            }
        }
        else if (wanted is not null)
        {
            Console.Error.WriteLine($"{songFolder}: error: --setlist needs a song inside a show folder (SHOW/songs/ID)");
            return (null, 0);
        }
        SongDefinition? song = ShowFiles.LoadOrReport(ShowLoader.LoadSong(songFolder, audio.Channels), Console.Error);
        return song is null ? (null, 0) : ([new SetlistSlot(preparer.Prepare(song), song.End)], 0);
    }

    /// <summary>Brings the real engine to the state, bar and beat asked for; null (after saying why) when the song has no such place.</summary>
    private static PlaybackPosition? Position(IReadOnlyList<SetlistSlot> slots, int index, AudioSettings audio, ShotState state, int bar, int beat)
    {
        var engine = new PlaybackEngine(slots, audio.PcmFormat, audio.PeriodFrames);
        var period = new byte[engine.PeriodBytes];
        void Run(TransportCommand command)
        {
            engine.Commands.TryEnqueue(command);
            engine.RenderPeriod(period);
        }
        Run(TransportCommand.SelectSong(index));
        if (state != ShotState.CountIn) Run(TransportCommand.LocateBar(bar));
        if (state == ShotState.Stopped) return engine.Position.Read();
        Run(TransportCommand.Play);
        while (true)
        {
            PlaybackPosition position = engine.Position.Read();
            if (position.State == TransportState.Stopped || position.SongIndex != index)
            {
                Console.Error.WriteLine($"{slots[index].Song.Id}: error: the song has no beat {beat} in {(state == ShotState.CountIn ? "its count-in's first bar" : $"bar {bar}")}");
                return null;
            }
            if (position.Beat == beat && (state == ShotState.CountIn || position.Bar == bar)) return position;
            engine.RenderPeriod(period);
        }
    }
}
