namespace StageBox.App.Services;

/// <summary>
/// A service without a thread of its own: the host's tick thread calls <see cref="Tick"/> every
/// <see cref="Interval"/>. For short looks at the box's state (a status file, a watchdog ping);
/// a tick must not block, as the other ticked services wait for it.
/// </summary>
internal abstract class TickedService(TimeSpan interval) : IBoxService
{
    private BoxPorts? _ports;

    public TimeSpan Interval => interval;

    /// <summary>What the service was started with; only <see cref="Tick"/> and <see cref="Dispose"/> use it, after the start.</summary>
    protected BoxPorts Ports => _ports ?? throw new InvalidOperationException($"{GetType().Name} ticked before it was started");

    public virtual void Start(BoxPorts ports) => _ports = ports;

    /// <summary>One look at the box, on the host's tick thread.</summary>
    public abstract void Tick(long nowNanoseconds);

    public virtual void Dispose()
    {
    }
}
