using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.App.Demo;
using StageBox.App.Screen;
using StageBox.App.Controls;
using StageBox.App.Resume;
using StageBox.App.Services;
using StageBox.App.Session;
using StageBox.App.Status;
using StageBox.App.StickImport;
using StageBox.App.Systemd;
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
        var options = new RunOptions(configOption);
        var command = new Command("run", "Load the show and play the setlist");
        foreach (Option option in options.All) command.Options.Add(option);
        command.SetAction(parse => Run(parse, options));
        return command;
    }

    /// <summary>The options of <c>stagebox run</c>.</summary>
    private sealed class RunOptions(Option<string?> config)
    {
        public Option<string?> Config { get; } = config;
        public Option<bool> Sim { get; } = new("--sim") { Description = "run the simulated box: paced output recorded to WAV, keyboard footswitches, terminal screen" };
        public Option<string?> Show { get; } = new("--show") { Description = "show folder to play instead of the library's (default: show.folder if configured)" };
        public Option<string?> Library { get; } = LibraryLocation.CreateOption();
        public Option<string?> Setlist { get; } = new("--setlist") { Description = "setlist name (default: the configured one, or the only one)" };
        public Option<bool> Play { get; } = new("--play") { Description = "start the setlist at once" };
        public Option<double?> ExitAfter { get; } = new("--exit-after") { Description = "stop and exit after this many seconds" };
        public Option<bool> ExitAtEnd { get; } = new("--exit-at-end") { Description = "exit once playback has stopped by itself (the end of a song that ends with stop)" };
        public Option<string> Record { get; } = new("--record") { Description = "with --sim: the WAV file the output is recorded to", DefaultValueFactory = _ => "stagebox-sim.wav" };
        public Option<double> Ppm { get; } = new("--sim-ppm") { Description = "with --sim: how far the simulated device's crystal is off, in ppm (two simulated boxes of a pair differ)" };
        public Option<string?> Device { get; } = new("--device") { Description = "ALSA PCM to play to (default: the configured one)" };
        public Option<string> StatusPath { get; } = new("--status-file") { Description = "where the running box reports its state for `stagebox status`", DefaultValueFactory = _ => StatusFile.DefaultPath };
        public Option<string?> DisplayPng { get; } = new("--display-png") { Description = "write PNG snapshots of the stage screen to this folder (latest.png holds the last frame)" };
        public Option<string?> MediaRoot { get; } = MediaRootOption.Create();

        public Option[] All => [Sim, Show, Library, Setlist, Play, ExitAfter, ExitAtEnd, Record, Ppm, Device, StatusPath, DisplayPng, MediaRoot];
    }

    private static int Run(ParseResult parse, RunOptions options)
    {
        BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(options.Config));
        if (parse.GetValue(options.Device) is string deviceName) configuration.Audio.Device = deviceName;
        PlayedShow? played = ChooseShow(parse, options, configuration);
        if (played is null) return 0;
        ShowDefinition? definition = ShowFiles.LoadOrReport(played.Load(configuration), Console.Error);
        if (definition is null) return 1;
        string wantedSetlist = parse.GetValue(options.Setlist) ?? configuration.Show.Setlist;
        string? setlistName = SetlistChoice.Choose(definition, wantedSetlist, out ShowError? noSetlist);
        if (setlistName is null)
        {
            Console.Error.WriteLine(noSetlist);
            return 1;
        }
        using var opened = new DisposalScope();
        AudioSettings audio = configuration.Audio;
        IPcmOutput output = opened.Hold<IPcmOutput>(parse.GetValue(options.Sim)
            ? SimulatedOutput(audio, parse.GetValue(options.Record)!, parse.GetValue(options.Ppm))
            : AlsaPcmOutput.Open(audio.Device, audio.Rate, audio.Channels, audio.PeriodFrames, audio.BufferFrames, audio.FormatPreference));
        var streams = new StemStreams(output.Format.SampleRate);
        IReadOnlyList<SetlistSlot> slots = new SongPreparer(output.Format.SampleRate, streams).PrepareSetlist(definition, setlistName);
        Console.WriteLine($"{definition.Folder}: setlist '{setlistName}', {slots.Count} songs, playing to {output}");
        RedundantPair? pair = opened.Hold(RedundantPair.Open(configuration.Redundancy, output.Format, output.PeriodFrames, audio.BufferFrames, played.Identity(setlistName)));
        if (pair is not null) Console.WriteLine(pair.Description);
        IBoxService[] services = ServicesOf(parse, options, configuration, played, slots).Select(opened.Hold<IBoxService>).ToArray();
        var session = new PlaybackSession(output, slots, streams, new AudioThreadSetup(audio), configuration.Controls.StopNeedsLongPress,
            MixStagesOf(configuration, output.Format), pair, played.Library is { } library ? new LibraryShow(library, wantedSetlist) : null);
        opened.HandOver();
        double? seconds = parse.GetValue(options.ExitAfter);
        return session.Run(services, new RunLimits(parse.GetValue(options.Play), seconds is double s ? TimeSpan.FromSeconds(s) : null, parse.GetValue(options.ExitAtEnd)));
    }

    /// <summary>
    /// The box's services beside the audio, in the order they start (the screen before systemd
    /// hears the box is ready). A new control source or observer is one line here.
    /// </summary>
    private static IEnumerable<IBoxService> ServicesOf(ParseResult parse, RunOptions options, BoxConfiguration configuration, PlayedShow played,
        IReadOnlyList<SetlistSlot> setlist)
    {
        yield return StageDisplay.Open(configuration.Display, parse.GetValue(options.Sim), parse.GetValue(options.DisplayPng), setlist, KeyboardControls.Help);
        yield return SystemdService.FromEnvironment();
        yield return new StatusFile(parse.GetValue(options.StatusPath)!);
        // A box of a pair takes its place from the live box; one on its own keeps it through a crash.
        if (configuration.Redundancy.Role == RedundancyRoleSetting.Standalone) yield return PlaceKeeper.BesideStatusFile(parse.GetValue(options.StatusPath)!);
        if (configuration.Controls.Chip.Length > 0) yield return new GpioControls(configuration.Controls);
        if (!Console.IsInputRedirected) yield return new KeyboardControls(configuration.Controls);
        // Sticks update the library's show; a show played from a folder is the user's to change.
        if (played.Library is { } library)
            yield return new StickImports(new StickImportSettings(MediaRootOption.Detector(parse, options.MediaRoot, configuration), library, parse.GetValue(options.Config)));
    }

    /// <summary>
    /// The show to play is a folder given or configured; else the library's installed show (waiting
    /// for a first stick when nothing is installed: null if the box is stopped while it waits); else,
    /// in the simulated box with nothing installed, the built-in demo show.
    /// </summary>
    private static PlayedShow? ChooseShow(ParseResult parse, RunOptions options, BoxConfiguration configuration)
    {
        string? folder = parse.GetValue(options.Show) ?? (configuration.Show.Folder is { Length: > 0 } configured ? configured : null);
        if (folder is not null) return PlayedShow.FromFolder(folder);
        ShowLibrary library = LibraryLocation.Open(parse, options.Library, configuration);
        if (library.Pointer is not null) return PlayedShow.FromLibrary(library);
        if (parse.GetValue(options.Sim)) return PlayedShow.FromFolder(PrepareDemo());
        return FirstShowFromStick.WaitAndImport(MediaRootOption.Detector(parse, options.MediaRoot, configuration), library, parse.GetValue(options.Config), Console.Out)
            ? PlayedShow.FromLibrary(library)
            : null;
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

    private static string PrepareDemo()
    {
        string folder = DemoFolder;
        if (DemoShow.EnsureWritten(folder)) Console.WriteLine($"wrote the demo show to {folder}");
        return folder;
    }
}
