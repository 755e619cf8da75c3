using StageBox.Hal;

namespace StageBox.App.Services;

/// <summary>
/// Runs the box's services: starts them in the order given with the same ports, ticks the
/// <see cref="TickedService"/>s on one thread of normal priority, and stops them in reverse
/// order. A service that fails is said in the log and left out from then on: it must never take
/// the show down with it.
/// </summary>
internal sealed class ServiceHost : IDisposable
{
    private readonly IReadOnlyList<IBoxService> _services;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _ticks;
    private TextWriter _log = TextWriter.Null;
    private Ticking[] _ticking = [];

    /// <summary>A ticked service and when it is next due.</summary>
    private sealed class Ticking(TickedService service)
    {
        public TickedService Service => service;
        public long DueAt { get; set; }
    }

    public ServiceHost(IReadOnlyList<IBoxService> services)
    {
        _services = services;
        _ticks = new Thread(Tick) { Name = "stagebox-ticks", IsBackground = true };
    }

    /// <summary>A line for each service that has one, once they have stopped.</summary>
    public IEnumerable<string> Summaries => _services.Select(s => s.Summary).OfType<string>();

    /// <summary>Starts every service in order; if one cannot start, the error goes on, and <see cref="Dispose"/> stops them all.</summary>
    public void Start(BoxPorts ports)
    {
        _log = ports.Log;
        foreach (IBoxService service in _services) service.Start(ports);
        long now = MonotonicClock.NowNanoseconds();
        _ticking = _services.OfType<TickedService>().Select(s => new Ticking(s) { DueAt = now }).ToArray();
        _ticks.Start();
    }

    /// <summary>The tick thread: runs each service that is due, then sleeps until the next is.</summary>
    private void Tick()
    {
        while (!_stop.IsSet)
        {
            long now = MonotonicClock.NowNanoseconds(), next = long.MaxValue;
            foreach (Ticking ticking in _ticking)
            {
                if (ticking.DueAt <= now) Run(ticking, now);
                next = Math.Min(next, ticking.DueAt);
            }
            _stop.Wait(next == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(Math.Max(0, next - MonotonicClock.NowNanoseconds()) / 100));
        }
    }

    private void Run(Ticking due, long now)
    {
        try
        {
            due.Service.Tick(now);
            due.DueAt = Math.Max(due.DueAt + (long)due.Service.Interval.TotalNanoseconds, now);
        }
        catch (Exception e)
        {
            due.DueAt = long.MaxValue; // never due again
            _log.WriteLine($"stagebox: {due.Service.GetType().Name} stopped: {e.Message}");
        }
    }

    /// <summary>Stops the ticks, then every service (started or only built), the last first.</summary>
    public void Dispose()
    {
        _stop.Set();
        if (_ticks.IsAlive) _ticks.Join();
        for (int i = _services.Count - 1; i >= 0; i--) _services[i].Dispose();
        _stop.Dispose();
    }
}
