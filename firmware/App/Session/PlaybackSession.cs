using StageBox.App.Pair;
using StageBox.App.Services;
using StageBox.App.ShowChanges;
using StageBox.Control.Actions;
using StageBox.Engine.Mixing;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Roles;
using StageBox.Show.Library;
using StageBox.Show.Playback;

namespace StageBox.App.Session;

/// <summary>
/// A running box: the audio path (<see cref="BoxAudio"/>) writing to an output (an ALSA device,
/// or the clock-paced simulated one), and beside it the services the configuration lists
/// (controls, the screen, stick imports, the status file, systemd), each started with the same
/// <see cref="BoxPorts"/>. Runs until a stop is asked for (q, Ctrl-C, SIGTERM, the end of the run).
/// </summary>
/// <param name="library">The library whose installed show plays, and the setlist wanted from it; null when a folder plays.</param>
internal sealed class PlaybackSession(IPcmOutput output, IReadOnlyList<SetlistSlot> setlist, StemStreams streams, AudioThreadSetup threadSetup,
    bool stopNeedsLongPress, IReadOnlyList<IMixStage> mixStages, RedundantPair? pair, LibraryShow? library)
{
    /// <summary>Longer than a primary listens for a live peer before it starts live itself.</summary>
    private static readonly TimeSpan RoleDecisionLimit = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Plays with <paramref name="services"/> beside the audio until the box is asked to stop;
    /// returns the exit code (1: the audio thread stopped on a fault). Disposes the services, the pair and the output.
    /// </summary>
    public int Run(IReadOnlyList<IBoxService> services, RunLimits limits)
    {
        using BoxAudio audio = BoxAudio.Prepare(output, setlist, streams, threadSetup, pair, mixStages);
        using var lifetime = new BoxLifetime();
        BoxPorts ports = PortsOf(audio, lifetime);
        threadSetup.LockMemory();
        var host = new ServiceHost([.. services, new AudioThreadReports(threadSetup, audio.ReadAhead, Console.Error), new ShowChangeWatch(), new RunEnd(() => audio.Loop.IsRunning, limits)]);
        Exception? fault;
        HealthReport health;
        try
        {
            audio.Loop.Start();
            host.Start(ports);
            DecideRoleAndPlay(audio.Node, ports.Actions, limits.PlayAtOnce);
            lifetime.WaitForStop();
        }
        finally
        {
            fault = audio.Loop.Fault;
            health = audio.Loop.Health.Read();
            host.Dispose();
            // The audio thread ends here, before the output is closed below.
            audio.Loop.Dispose();
        }
        if (audio.Node?.Report is { } finalReport) Console.WriteLine($"redundancy: {finalReport}");
        pair?.Dispose();
        output.Dispose();
        Summarise(host.Summaries, health, ports.State.Read().Garbage, audio);
        if (fault is null) return 0;
        Console.Error.WriteLine($"stagebox: the audio thread stopped: {fault.Message}");
        return 1;
    }

    private BoxPorts PortsOf(BoxAudio audio, BoxLifetime lifetime)
    {
        PlaybackEngine engine = audio.Engine;
        RedundancyNode? node = audio.Node;
        var alerts = new AlertBoard();
        return new BoxPorts(
            new ActionDispatcher(engine.Commands, engine.Position, stopNeedsLongPress, node is null ? null : node.Route),
            engine.Position,
            audio.Loop.Health,
            new BoxStateSource(engine.Position, audio.Loop.Health, setlist, output.ToString()!, alerts, () => node?.Report),
            alerts,
            library is null ? null : new ShowChanger(library.Library, library.WantedSetlist, engine, streams, Console.Out),
            lifetime,
            Console.Out);
    }

    /// <summary>In a pair, waits until the box knows whether it starts live; then plays at once if asked (on the live box only).</summary>
    private static void DecideRoleAndPlay(RedundancyNode? node, ActionDispatcher actions, bool playAtOnce)
    {
        if (node is not null && !node.WaitForRole(RoleDecisionLimit)) Console.Error.WriteLine("stagebox: warning: the redundancy link did not settle this box's role in time");
        if (playAtOnce && (node is null || node.Report.Live)) actions.Dispatch(StageAction.PlayStop);
    }

    private void Summarise(IEnumerable<string> serviceSummaries, HealthReport health, GarbageCollections sincePlaying, BoxAudio audio)
    {
        Console.WriteLine($"audio went to {output}");
        foreach (string line in serviceSummaries) Console.WriteLine(line);
        Console.WriteLine($"audio thread: {health}; GCs: {GC.CollectionCount(0)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} ms in all");
        Console.WriteLine($"since playing began: {sincePlaying}");
        Console.WriteLine(health.AllocationsLine);
        if (streams.Count > 0)
            Console.WriteLine($"streamed stems: {streams.Count} files, read-ahead memory {audio.ReadAhead.BytesAllocated / 1048576.0:0.0} MiB, "
                + $"stem frames not ready in time: {audio.Engine.Position.Read().MissingStemFrames}");
    }
}

/// <summary>How a run starts and ends: <c>--play</c>, <c>--exit-after</c>, <c>--exit-at-end</c>.</summary>
internal sealed record RunLimits(bool PlayAtOnce, TimeSpan? ExitAfter, bool ExitAtEnd);

/// <summary>The library whose installed show the box plays, and the setlist wanted from it.</summary>
internal sealed record LibraryShow(ShowLibrary Library, string WantedSetlist);
