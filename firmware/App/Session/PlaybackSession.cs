using StageBox.Control.Actions;
using StageBox.Control.Input;
using StageBox.Control.Mapping;
using StageBox.App.Configuration;
using StageBox.App.Screen;
using StageBox.App.ShowChanges;
using StageBox.App.StickImport;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Show.Playback;
using StageBox.App.Systemd;
using System.Runtime;
using System.Runtime.InteropServices;
using StageBox.App.Pair;
using StageBox.Engine.Mixing;
using StageBox.Redundancy.Roles;

namespace StageBox.App.Session;

/// <summary>
/// A running box: the engine on its audio thread writing to an output (an ALSA device, or the
/// clock-paced simulated one), footswitches on GPIO and the keyboard, the stage screen on its
/// panel (or the emulator) and in the terminal, and, when it plays the library's show, show
/// sticks imported as they are plugged in.
/// </summary>
internal sealed class PlaybackSession(IPcmOutput output, IReadOnlyList<SetlistSlot> setlist, StemStreams streams, AudioThreadSetup threadSetup, StatusFile statusFile, ControlSettings controlSettings, ScreenSetup screen,
    StickImportSettings? sticks = null, RedundantPair? pair = null, IReadOnlyList<IMixStage>? mixStages = null)
{
    /// <summary>Longer than a primary listens for a live peer before it starts live itself.</summary>
    private static readonly TimeSpan RoleDecisionLimit = TimeSpan.FromSeconds(3);

    /// <summary>Longer than any read of a song's first half second and its heads; past it the box plays and says so.</summary>
    private static readonly TimeSpan ReadAheadStartLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs until q, Ctrl-C, <paramref name="exitAfter"/>, an audio fault or (with
    /// <paramref name="exitAtEnd"/>) playback stopping by itself; returns the exit code. Disposes the output and the panel.
    /// </summary>
    public int Run(bool playAtOnce, TimeSpan? exitAfter, bool exitAtEnd = false)
    {
        var engine = new PlaybackEngine(setlist, output.Format, output.PeriodFrames);
        using var readAhead = new StemReadAhead(streams, engine.Position, () => engine.OfferedSetlist);
        readAhead.Start();
        if (!readAhead.WaitUntilReady(ReadAheadStartLimit))
            Console.Error.WriteLine($"stagebox: warning: the streamed stems were not read ahead within {ReadAheadStartLimit.TotalSeconds:0} s");
        // After the read-ahead: the warm-up then mixes streamed blocks that are there as well as ones that are not.
        EngineWarmUp.Run(setlist, output.Format, output.PeriodFrames);
        NativeBindings.BindAudioThreadCalls();
        // The start-up's garbage (show parsing, preparation, the warm-up) goes now, in one compacting
        // collection, not in a long pause later that holds the audio thread as it comes back from a
        // write; from here on the GC avoids blocking full collections.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        using var loop = new RenderLoop(new MixChain(engine, mixStages ?? []), output, threadSetup.ApplyToAudioThread, pair?.Stage);
        RedundancyNode? node = pair?.Start(engine, loop.Health, message => Console.WriteLine($"redundancy: {message}"));
        var actions = new ActionDispatcher(engine.Commands, engine.Position, controlSettings.StopNeedsLongPress, node is null ? null : node.Route);
        var gestures = new FootswitchSettings { LongPress = TimeSpan.FromMilliseconds(controlSettings.LongPressMs) };
        InputRouter NewRouter(InputLayout layout, bool[] idleLevels) =>
            new(layout, controlSettings.Mapping, actions, engine.Position, idleLevels, gestures,
                new EncoderSettings(controlSettings.EncoderStepsPerDetent, controlSettings.EncoderAcceleration));
        using var quit = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; quit.Set(); };
        Console.CancelKeyPress += onCancel;
        // systemctl stop sends SIGTERM: end as cleanly as Ctrl-C does (the import process, the status file, the last frame).
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            quit.Set();
        });

        using var systemd = SystemdNotifier.FromEnvironment();
        var watchdog = new AudioWatchdog(systemd, AudioWatchdog.IntervalFromEnvironment());
        long started = MonotonicClock.NowNanoseconds();
        Exception? fault;
        HealthReport health;
        string displaySummary;
        // Sticks change the library's show; a show played from a folder is the user's to change.
        ShowChanger? changer = sticks is null ? null : new ShowChanger(sticks.Library, sticks.WantedSetlist, engine, streams, Console.Out);
        threadSetup.LockMemory();
        using (var display = new StageDisplay(engine.Position, loop.Health, setlist, screen.Panel, new TerminalStageView(loop.Health, VirtualControls.Help), screen.Snapshots, screen.FramesPerSecond))
        using (var controls = new VirtualControls(NewRouter))
        using (GpioControls? floorUnit = controlSettings.Chip.Length > 0 ? new GpioControls(controlSettings, NewRouter) : null)
        using (StickImports? imports = sticks is null ? null : new StickImports(sticks, changer!, display.Composer, Console.Out))
        {
            if (floorUnit is not null) Console.WriteLine($"controls: {floorUnit.Description}");
            loop.Start();
            display.Start();
            // Show loaded, audio device open and its thread running: systemd may call the box ready.
            systemd.Notify($"READY=1\nSTATUS=playing to {output}");
            imports?.Start();
            if (node is not null && !node.WaitForRole(RoleDecisionLimit)) Console.Error.WriteLine("stagebox: warning: the redundancy link did not settle this box's role in time");
            if (playAtOnce && (node is null || node.Report.Live)) actions.Dispatch(StageAction.PlayStop);
            var keyboard = Console.IsInputRedirected ? null : new Thread(() => ReadKeys(controls, quit)) { IsBackground = true, Name = "stagebox-keys" };
            keyboard?.Start();
            bool played = false;
            long nextStatus = 0;
            var allocationWatch = new AudioThreadAllocationWatch(loop.Health, message => Console.Error.WriteLine($"stagebox: {message}"));
            while (!quit.Wait(20) && loop.IsRunning)
            {
                foreach (string message in threadSetup.TakeMessages().Concat(readAhead.TakeProblems())) Console.Error.WriteLine($"stagebox: {message}");
                PlaybackPosition position = engine.Position.Read();
                watchdog.Observe(position.Periods, MonotonicClock.NowNanoseconds());
                changer?.Observe(position);
                allocationWatch.Observe(position);
                RedundancyReport? redundancy = node?.Report;
                if (redundancy is not null) display.Composer.Redundancy = RedundancyScreen.StatusOf(redundancy);
                if (MonotonicClock.NowNanoseconds() >= nextStatus)
                {
                    statusFile.Write(StageStatus.From(position, setlist), loop.Health.Read(), output.ToString()!, redundancy);
                    nextStatus = MonotonicClock.NowNanoseconds() + 1_000_000_000;
                }
                if (exitAfter is TimeSpan limit && Elapsed(started) >= limit) break;
                bool stopped = position.State == TransportState.Stopped;
                if (exitAtEnd && played && stopped) break;
                played |= !stopped;
            }
            fault = loop.Fault;
            health = loop.Health.Read();
            display.Dispose();
            displaySummary = display.Summary();
            // The audio thread ends here, before the output is closed below; the using above then has nothing left to do.
            loop.Dispose();
        }
        if (node?.Report is { } finalReport) Console.WriteLine($"redundancy: {finalReport}");
        pair?.Dispose();
        systemd.Notify("STOPPING=1");
        output.Dispose();
        screen.Panel?.Dispose();
        Console.CancelKeyPress -= onCancel;

        Console.WriteLine($"audio went to {output}");
        Console.WriteLine(displaySummary);
        Console.WriteLine($"audio thread: {health}; GCs: {GC.CollectionCount(0)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} ms in all");
        Console.WriteLine(health.AllocationsLine);
        if (streams.Count > 0) Console.WriteLine(StreamingSummary(readAhead, engine.Position.Read()));
        statusFile.Remove();
        if (fault is null) return 0;
        Console.Error.WriteLine($"stagebox: the audio thread stopped: {fault.Message}");
        return 1;
    }

    private string StreamingSummary(StemReadAhead readAhead, PlaybackPosition position) =>
        $"streamed stems: {streams.Count} files, read-ahead memory {readAhead.BytesAllocated / 1048576.0:0.0} MiB, stem frames not ready in time: {position.MissingStemFrames}";

    private static TimeSpan Elapsed(long startedNanoseconds) => TimeSpan.FromTicks((MonotonicClock.NowNanoseconds() - startedNanoseconds) / 100);

    private static void ReadKeys(VirtualControls controls, ManualResetEventSlim quit)
    {
        while (!quit.IsSet)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key is ConsoleKey.Q or ConsoleKey.Escape || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control))) quit.Set();
            else controls.Press(key);
        }
    }
}
