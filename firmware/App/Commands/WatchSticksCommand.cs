using System.CommandLine;
using System.Runtime.InteropServices;
using StageBox.App.Configuration;
using StageBox.Show.Sticks;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox watch-sticks</c> (hidden): prints each drive arriving under the media root as the
/// running box would judge it ("stick: /media/x (ok)", "(refused: why)", "(ignored: why)") and
/// each one leaving ("(removed)"), until interrupted. For the technician checking a stick and
/// the udev arrangement, and for tests.
/// </summary>
internal static class WatchSticksCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var mediaRoot = MediaRootOption.Create();
        var command = new Command("watch-sticks", "Print USB sticks arriving and leaving, and whether each is a show stick the box would import") { mediaRoot };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            using var stop = new CancellationTokenSource();
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
            using var sticks = new StickWatcher(MediaRootOption.Detector(parse, mediaRoot, configuration));
            Console.WriteLine($"watching for sticks under {sticks.Detector.MediaRoot}");
            foreach (StickVerdict present in sticks.Present()) Console.WriteLine(new StickArrived(present));
            try
            {
                while (true)
                    foreach (StickEvent stick in sticks.WaitForEvents(stop.Token))
                        Console.WriteLine(stick);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        });
        return command;
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
}
