using System.Runtime.InteropServices;
using StageBox.App.Commands;
using StageBox.Show.Library;
using StageBox.Show.Sticks;

namespace StageBox.App.StickImport;

/// <summary>
/// A fresh box, with nothing in its library and no show folder, has nothing to play: rather
/// than fail (and be restarted by systemd over and over), it waits for its first show stick,
/// imports it in a process of its own as a running box does, and then plays it. A stick that
/// is refused or whose import fails is logged and the wait goes on.
/// </summary>
internal static class FirstShowFromStick
{
    /// <summary>True once a show is installed; false if the wait was ended (SIGTERM or Ctrl-C) first.</summary>
    public static bool WaitAndImport(StickDetector detector, ShowLibrary library, string? configPath, TextWriter log)
    {
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        log.WriteLine($"show: nothing is installed in {library.Layout.Root}; waiting for a show stick under {detector.MediaRoot}");
        using var sticks = new StickWatcher(detector);
        IEnumerable<StickVerdict> arrived = sticks.Present();
        try
        {
            while (true)
            {
                foreach (StickVerdict stick in arrived)
                {
                    log.WriteLine($"stick: {stick.MountPoint} ({stick})");
                    if (stick.Status == StickStatus.Ready && Import(stick.MountPoint, library, configPath, log)) return true;
                }
                arrived = sticks.WaitForEvents(stop.Token).OfType<StickArrived>().Select(stick => stick.Verdict);
            }
        }
        catch (OperationCanceledException)
        {
            log.WriteLine("show: stopped while waiting for a show stick");
            return false;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static bool Import(string stick, ShowLibrary library, string? configPath, TextWriter log)
    {
        log.WriteLine($"import: from {stick} into {library.Layout.Root}, in a process of its own");
        using ImportProcess import = ImportProcess.Start(stick, library.Layout.Root, configPath);
        var progress = new ImportProgressBar(log, interactive: false, linePrefix: "import: ");
        ImportOutcome outcome = import.Run(progress.Report);
        foreach (string line in outcome.Report) log.WriteLine($"import: {line}");
        if (outcome.Succeeded) return true;
        log.WriteLine($"import: FAILED from {stick}: {outcome.Reason}; still waiting for a show stick");
        return false;
    }
}
