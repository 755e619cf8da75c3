using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>What a <see cref="RedundancyNode"/> is built from: this box's settings, its ports (the link, the clock, the watchdog line) and the audio side it steers.</summary>
public sealed record NodeWiring
{
    public required BoxRole Role { get; init; }
    public required StandbyOutput StandbyOutput { get; init; }
    /// <summary>How long the live box may be silent on every signal before this box, standing by, takes over.</summary>
    public required TimeSpan TakeoverAfter { get; init; }
    public required IPeerLink Link { get; init; }
    public IMonotonicClock Clock { get; init; } = SystemMonotonicClock.Instance;
    public required LockstepStage Stage { get; init; }
    public required PlaybackEngine Engine { get; init; }
    public required RenderHealth Health { get; init; }
    /// <summary>The show this box holds; the pair arms only when both hold the same.</summary>
    public required ShowIdentity Show { get; init; }
    /// <summary>Where the peer's watchdog line arrives; null when none is wired (heartbeats alone decide).</summary>
    public IWatchdogInput? WatchdogIn { get; init; }
    public required Action<string> Log { get; init; }
    /// <summary>The SCHED_FIFO priority the node's thread asks for, below the audio thread's; null: it runs at normal priority.</summary>
    public int? RealtimePriority { get; init; }
}
