using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.App.Demo;
using StageBox.App.Simulation;
using StageBox.Engine.Transport;
using StageBox.Show;
using StageBox.Show.Model;
using StageBox.Show.Playback;

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
        var show = new Option<string?>("--show") { Description = "show folder (default: the configured one; with --sim and none configured, the built-in demo show)" };
        var setlist = new Option<string?>("--setlist") { Description = "setlist name (default: the configured one, or the only one)" };
        var play = new Option<bool>("--play") { Description = "start the setlist at once" };
        var exitAfter = new Option<double?>("--exit-after") { Description = "stop and exit after this many seconds" };
        var record = new Option<string>("--record") { Description = "with --sim: the WAV file the output is recorded to", DefaultValueFactory = _ => "stagebox-sim.wav" };
        var command = new Command("run", "Load the show and play the setlist") { sim, show, setlist, play, exitAfter, record };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(sim))
            {
                Console.Error.WriteLine("stagebox: this build plays through the simulated output only: add --sim (the ALSA output is not built yet)");
                return 2;
            }
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            string folder = parse.GetValue(show) ?? (configuration.Show.Folder is { Length: > 0 } configured ? configured : PrepareDemo());
            ShowDefinition? definition = ShowFiles.LoadOrReport(ShowLoader.LoadShow(folder, configuration.Audio.Channels), Console.Error);
            if (definition is null) return 1;
            string? setlistName = ChooseSetlist(definition, parse.GetValue(setlist) ?? configuration.Show.Setlist);
            if (setlistName is null) return 1;
            IReadOnlyList<SetlistSlot> slots = new SongPreparer(configuration.Audio.Rate).PrepareSetlist(definition, setlistName);
            Console.WriteLine($"{definition.Folder}: setlist '{setlistName}', {slots.Count} songs, {configuration.Audio.PcmFormat}, {configuration.Audio.PeriodFrames}-frame periods");
            double? seconds = parse.GetValue(exitAfter);
            return new SimulatedBox(configuration.Audio, slots, parse.GetValue(record)!)
                .Run(parse.GetValue(play), seconds is double s ? TimeSpan.FromSeconds(s) : null);
        });
        return command;
    }

    private static string PrepareDemo()
    {
        string folder = DemoFolder;
        if (DemoShow.EnsureWritten(folder)) Console.WriteLine($"wrote the demo show to {folder}");
        return folder;
    }

    /// <summary>The wanted setlist if the show has it, else the only one; null (after saying why) when neither.</summary>
    private static string? ChooseSetlist(ShowDefinition show, string wanted)
    {
        if (show.Setlists.ContainsKey(wanted)) return wanted;
        if (show.Setlists.Count == 1) return show.Setlists.Keys.Single();
        Console.Error.WriteLine($"{show.Folder}: error: no setlist '{wanted}' (setlists here: {string.Join(", ", show.Setlists.Keys.Order())}); choose one with --setlist");
        return null;
    }
}
