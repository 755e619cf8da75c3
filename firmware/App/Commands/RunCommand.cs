using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.App.Demo;
using StageBox.App.Screen;
using StageBox.App.Session;
using StageBox.App.StickImport;
using StageBox.Hal;
using StageBox.Hal.Alsa;
using StageBox.Hal.Sim;
using StageBox.Engine.Transport;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Model;
using StageBox.Show.Playback;
using System.Runtime.InteropServices;
using StageBox.App.Pair;
using StageBox.Redundancy.Switcher;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;

namespace StageBox.App.Commands;

/// <summary><c>stagebox run</c>: loads the show and plays the setlist.</summary>
internal static class RunCommand
{
    /// <summary>Where the simulated box keeps the demo show it writes on first run.</summary>
    public static string DemoFolder => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } data ? data : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"),
        "stagebox", "demo-show");

    public static Command Create(Option<string?> configOption)
    {
        var sim = new Option<bool>("--sim") { Description = "run the simulated box: paced output recorded to WAV, keyboard footswitches, terminal screen" };
        var show = new Option<string?>("--show") { Description = "show folder to play instead of the library's (default: show.folder if configured)" };
        var setlist = new Option<string?>("--setlist") { Description = "setlist name (default: the configured one, or the only one)" };
        var play = new Option<bool>("--play") { Description = "start the setlist at once" };
        var exitAfter = new Option<double?>("--exit-after") { Description = "stop and exit after this many seconds" };
        var exitAtEnd = new Option<bool>("--exit-at-end") { Description = "exit once playback has stopped by itself (the end of a song that ends with stop)" };
        var record = new Option<string>("--record") { Description = "with --sim: the WAV file the output is recorded to", DefaultValueFactory = _ => "stagebox-sim.wav" };
        var ppm = new Option<double>("--sim-ppm") { Description = "with --sim: how far the simulated device's crystal is off, in ppm (two simulated boxes of a pair differ)" };
        var device = new Option<string?>("--device") { Description = "ALSA PCM to play to (default: the configured one)" };
        var statusPath = new Option<string>("--status-file") { Description = "where the running box reports its state for `stagebox status`", DefaultValueFactory = _ => StatusFile.DefaultPath };
        var library = LibraryLocation.CreateOption();
        var displayPng = new Option<string?>("--display-png") { Description = "write PNG snapshots of the stage screen to this folder (latest.png holds the last frame)" };
        var mediaRoot = MediaRootOption.Create();
        var command = new Command("run", "Load the show and play the setlist") { sim, show, library, setlist, play, exitAfter, exitAtEnd, record, ppm, device, statusPath, displayPng, mediaRoot };
        command.SetAction(parse =>
        {
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            AudioSettings audio = configuration.Audio;
            if (parse.GetValue(device) is string deviceName) audio.Device = deviceName;
            bool simulated = parse.GetValue(sim);
            string? showFolder = parse.GetValue(show) ?? (configuration.Show.Folder is { Length: > 0 } configured ? configured : null);
            ShowLibrary showLibrary = LibraryLocation.Open(parse, library, configuration);
            bool fromLibrary = showFolder is null && (showLibrary.Pointer is not null || !simulated);
            if (fromLibrary && showLibrary.Pointer is null
                && !FirstShowFromStick.WaitAndImport(MediaRootOption.Detector(parse, mediaRoot, configuration), showLibrary, parse.GetValue(configOption), Console.Out))
                return 0;
            showFolder ??= fromLibrary ? null : PrepareDemo();
            ShowDefinition? definition = ShowFiles.LoadOrReport(fromLibrary ? LoadInstalled(showLibrary, configuration) : ShowLoader.LoadShow(showFolder!, audio.Channels), Console.Error);
            if (definition is null) return 1;
            string wantedSetlist = parse.GetValue(setlist) ?? configuration.Show.Setlist;
            string? setlistName = SetlistChoice.Choose(definition, wantedSetlist, out ShowError? noSetlist);
            if (setlistName is null)
            {
                Console.Error.WriteLine(noSetlist);
                return 1;
            }
            IPcmOutput output = simulated
                ? SimulatedOutput(audio, parse.GetValue(record)!, parse.GetValue(ppm))
                : AlsaPcmOutput.Open(audio.Device, audio.Rate, audio.Channels, audio.PeriodFrames, audio.BufferFrames, audio.FormatPreference);
            IReadOnlyList<SetlistSlot> slots;
            var streams = new StemStreams(output.Format.SampleRate);
            try
            {
                slots = new SongPreparer(output.Format.SampleRate, streams).PrepareSetlist(definition, setlistName);
            }
            catch
            {
                output.Dispose();
                throw;
            }
            Console.WriteLine($"{definition.Folder}: setlist '{setlistName}', {slots.Count} songs, playing to {output}");
            ScreenSetup screen;
            try
            {
                screen = OpenScreen(configuration.Display, simulated, parse.GetValue(displayPng));
            }
            catch
            {
                output.Dispose();
                throw;
            }
            RedundantPair? pair;
            try
            {
                pair = RedundantPair.Open(configuration.Redundancy, output.Format, output.PeriodFrames, audio.BufferFrames,
                    ShowIdentity.Of(fromLibrary ? ShowContent.HashOf(showLibrary) : ShowContent.HashOfFolder(showFolder!), setlistName));
            }
            catch
            {
                output.Dispose();
                throw;
            }
            if (pair is not null) Console.WriteLine(pair.Description);
            double? seconds = parse.GetValue(exitAfter);
            // Sticks update the library's show; a show played from a folder is the user's to change.
            StickImportSettings? sticks = fromLibrary
                ? new StickImportSettings(MediaRootOption.Detector(parse, mediaRoot, configuration), showLibrary, wantedSetlist, parse.GetValue(configOption))
                : null;
            return new PlaybackSession(output, slots, streams, new AudioThreadSetup(audio), new StatusFile(parse.GetValue(statusPath)!), configuration.Controls, screen, sticks,
                pair, MixStagesOf(configuration, output.Format)).Run(parse.GetValue(play), seconds is double s ? TimeSpan.FromSeconds(s) : null, parse.GetValue(exitAtEnd));
        });
        return command;
    }

    /// <summary>
    /// The simulated box's device: paced in real time, recorded frame for frame as it is written
    /// (so a killed box's recording is whole), with a heard-time log beside it (RECORDING.timeline)
    /// to lay two boxes' recordings on one clock. SIGUSR1 unplugs it, as a USB interface pulled out.
    /// </summary>
    private static PacedPcmOutput SimulatedOutput(AudioSettings audio, string recording, double ppmError)
    {
        var output = new PacedPcmOutput(audio.PcmFormat, audio.PeriodFrames, audio.BufferFrames, ppmError,
            new WavFileOutput(recording, audio.PcmFormat, audio.PeriodFrames, unbuffered: true), new HeardTimeline(recording + ".timeline"));
        s_unplug = PosixSignalRegistration.Create(UserSignal1, context =>
        {
            // Handled: without this the runtime goes on to the signal's default action, ending the process.
            context.Cancel = true;
            output.Unplug();
        });
        return output;
    }

    /// <summary>SIGUSR1 on Linux; .NET takes raw signal numbers cast to PosixSignal.</summary>
    private const PosixSignal UserSignal1 = (PosixSignal)10;

    /// <summary>Kept for the life of the process, or the signal handler goes with it.</summary>
    private static PosixSignalRegistration? s_unplug;

    /// <summary>The stages the engine's mix goes through on its way to the device, in order (<see cref="MixChain"/>).</summary>
    private static IMixStage[] MixStagesOf(BoxConfiguration configuration, PcmFormat format)
    {
        RedundancySettings pair = configuration.Redundancy;
        return pair.PilotChannel > 0 ? [new PilotTone(pair.PilotChannel - 1, pair.PilotHz, pair.PilotLevelDb, format)] : [];
    }

    /// <summary>The configured panel, or on the simulated box the emulator; none when neither.</summary>
    private static ScreenSetup OpenScreen(DisplaySettings settings, bool simulated, string? pngFolder)
    {
        PanelScreen? panel = simulated ? PanelScreen.Simulated(settings.ClockHz)
            : settings.Chip.Length > 0 ? PanelScreen.Open(settings)
            : null;
        if (panel is not null) Console.WriteLine($"screen: {panel.Description}");
        if (pngFolder is not null && panel is null)
            throw new ConfigurationException("--display-png: this box has no screen to take pictures of (configure display.chip, or run with --sim)");
        return new ScreenSetup(panel, pngFolder is null ? null : new ScreenSnapshots(pngFolder), settings.FramesPerSecond);
    }

    /// <summary>
    /// The show to play is a folder given or configured; else the library's installed show (this
    /// one); else, in the simulated box with nothing installed, the built-in demo show.
    /// </summary>
    private static LoadResult<ShowDefinition> LoadInstalled(ShowLibrary library, BoxConfiguration configuration)
    {
        Console.WriteLine($"show: the library's {library.Pointer?.Current ?? "(nothing installed)"} in {library.Layout.Root}");
        return InstalledShow.Load(library, configuration.Audio.Rate, configuration.Audio.Channels);
    }

    private static string PrepareDemo()
    {
        string folder = DemoFolder;
        if (DemoShow.EnsureWritten(folder)) Console.WriteLine($"wrote the demo show to {folder}");
        return folder;
    }
}
