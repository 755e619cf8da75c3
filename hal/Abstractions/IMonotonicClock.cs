namespace StageBox.Hal;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds as a port, for the parts whose decisions depend on time (the
/// redundancy node's takeover judgement): the box passes <see cref="SystemMonotonicClock"/>, a
/// test a clock it moves by hand. Reading it must allocate nothing.
/// </summary>
public interface IMonotonicClock
{
    long NowNanoseconds();
}

/// <summary>The box's own <see cref="MonotonicClock"/>, the one the kernel stamps GPIO edges with and the peer link stamps packets with.</summary>
public sealed class SystemMonotonicClock : IMonotonicClock
{
    public static SystemMonotonicClock Instance { get; } = new();

    private SystemMonotonicClock()
    {
    }

    public long NowNanoseconds() => MonotonicClock.NowNanoseconds();
}
