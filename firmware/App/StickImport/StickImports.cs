using System.ComponentModel;
using StageBox.App.Commands;
using StageBox.App.Services;
using StageBox.App.ShowChanges;
using StageBox.Control.Views;
using StageBox.Show.Import;
using StageBox.Show.Sticks;
using StatusLineImport = StageBox.Control.Views.ImportProgress;

namespace StageBox.App.StickImport;

/// <summary>
/// The running box importing USB sticks. A thread of its own (never the audio thread) watches
/// for show sticks; each is imported by a process of its own (<see cref="ImportProcess"/>) while
/// its progress shows on the status line and in the log. The installed show then goes to the
/// <see cref="ShowChanger"/>, and the status line says it waits until the engine takes it over;
/// a failed import shows why and changes nothing.
/// </summary>
internal sealed class StickImports : IBoxService
{
    private readonly StickImportSettings _settings;
    private readonly StickWatcher _sticks;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _processLock = new();
    private ShowChanger _changer = null!;
    private AlertBoard _alerts = null!;
    private TextWriter _log = TextWriter.Null;
    private ImportProcess? _running;

    public StickImports(StickImportSettings settings)
    {
        _settings = settings;
        // Watching from here on: a stick mounted while the box starts is either present now or an arrival later.
        _sticks = new StickWatcher(settings.Detector);
        _thread = new Thread(Watch) { Name = "stagebox-sticks", IsBackground = true };
    }

    public void Start(BoxPorts ports)
    {
        _changer = ports.ShowChanger ?? throw new InvalidOperationException("stick imports need the library's show changer");
        _alerts = ports.Alerts;
        _log = ports.Log;
        _log.WriteLine($"sticks: watching for show sticks under {_settings.Detector.MediaRoot}");
        _thread.Start();
    }

    private void Watch()
    {
        try
        {
            // A stick left in when the box (re)starts is imported too: it is what plugging it in means.
            foreach (StickVerdict present in _sticks.Present()) Handle(new StickArrived(present));
            while (true)
                foreach (StickEvent stick in _sticks.WaitForEvents(_stop.Token))
                    Handle(stick);
        }
        catch (OperationCanceledException)
        {
            // The box is shutting down.
        }
        catch (Exception e)
        {
            // Whatever goes wrong with sticks must never take the show down with it: this thread ends, playback goes on.
            _log.WriteLine($"stagebox: watching for USB sticks stopped: {e}");
        }
    }

    private void Handle(StickEvent stick)
    {
        // The screen first, then the log line: whoever reads the log finds the screen already saying so.
        switch (stick)
        {
            case StickArrived { Verdict: { Status: StickStatus.Refused } verdict }:
                _alerts.Post(new StatusLineImport(NameOf(stick.MountPoint), 0, verdict.Reason, Failed: true));
                break;
            case StickLeft:
                _alerts.ClearFailureOf(NameOf(stick.MountPoint));
                break;
        }
        _log.WriteLine(stick);
        if (stick is StickArrived { Verdict.Status: StickStatus.Ready }) Import(stick.MountPoint);
    }

    private void Import(string mountPoint)
    {
        string source = NameOf(mountPoint);
        _log.WriteLine($"import: from {mountPoint} into {_settings.Library.Layout.Root}, in a process of its own");
        _alerts.Post(new StatusLineImport(source, 0, ImportStage.Checking.Describe()));
        ImportOutcome? outcome = RunImport(mountPoint, source);
        if (outcome is null) return;
        foreach (string line in outcome.Report) _log.WriteLine($"import: {line}");
        if (!outcome.Succeeded)
        {
            Fail(source, outcome.Reason);
            return;
        }
        StatusLineImport? waiting = null;
        string? refusal = _changer.Offer(outcome.Generation!, stopped =>
        {
            waiting = new StatusLineImport(source, 1, stopped ? "installed" : "installed, plays after this song");
            _alerts.Post(waiting);
            _log.WriteLine($"import: generation {outcome.Generation} installed; the box takes it over {(stopped ? "now" : "when the song playing ends")}");
        }, takenOver: () => _alerts.Clear(waiting!));
        if (refusal is not null) Fail(source, refusal);
    }

    /// <summary>Runs the import process to its end; null when the box is shutting down (the import was killed) or it could not start.</summary>
    private ImportOutcome? RunImport(string mountPoint, string source)
    {
        ImportProcess started;
        try
        {
            started = ImportProcess.Start(mountPoint, _settings.Library.Layout.Root, _settings.ConfigPath);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            Fail(source, $"the import could not start: {e.Message}");
            return null;
        }
        using ImportProcess process = started;
        lock (_processLock)
        {
            if (_stop.IsCancellationRequested) process.Kill();
            _running = process;
        }
        var progressLog = new ImportProgressBar(_log, interactive: false, linePrefix: "import: ");
        ImportOutcome outcome = process.Run(step =>
        {
            progressLog.Report(step);
            _alerts.Post(new StatusLineImport(source, step.Fraction, step.Stage.Describe()));
        });
        lock (_processLock) _running = null;
        return _stop.IsCancellationRequested ? null : outcome;
    }

    private void Fail(string source, string reason)
    {
        _alerts.Post(new StatusLineImport(source, 0, reason, Failed: true));
        _log.WriteLine($"import: FAILED from {source}: {reason}; the box keeps the show it has");
    }

    /// <summary>The stick as the status line names it: its mount folder (stagebox-usb-sda1).</summary>
    private static string NameOf(string mountPoint) => Path.GetFileName(mountPoint);

    /// <summary>Stops watching, and kills an import under way (the library keeps the show it had).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        lock (_processLock) _running?.Kill();
        if (_thread.IsAlive) _thread.Join();
        _sticks.Dispose();
        _stop.Dispose();
    }
}
