using StageBox.Hal;
using StageBox.Hal.Native;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// Witnesses stalls of this machine while a pair plays, so a fault test can tell a stall from a
/// fault of the boxes. One thread per CPU, pinned there at SCHED_FIFO 99 (above the boxes' audio
/// threads at 80), wakes every millisecond on an absolute deadline and keeps the largest
/// lateness: a thread that high is late only when its CPU did not run at all (a hypervisor or
/// a shared host descheduling the machine, a kernel section that would not yield), the kind of
/// stall that silences a live box's audio loop too. One more thread at normal priority, like the
/// boxes' redundancy threads, measures how late an ordinary thread wakes on this loaded host.
/// </summary>
internal sealed class StallProbe : IDisposable
{
    private const long TickNs = 1_000_000;
    private readonly Thread[] _threads;
    private readonly long[] _worstNs;
    private volatile bool _stop;

    public StallProbe()
    {
        int cpus = Environment.ProcessorCount;
        _worstNs = new long[cpus + 1];
        _threads = new Thread[cpus + 1];
        string?[] refused = new string?[cpus];
        using var started = new CountdownEvent(cpus + 1);
        for (int i = 0; i <= cpus; i++)
        {
            int slot = i;
            _threads[i] = new Thread(() =>
            {
                if (slot < cpus) refused[slot] = RealTimeScheduling.PinCallingThread(slot) ?? RealTimeScheduling.RaiseCallingThread(99);
                started.Signal();
                Watch(slot);
            }) { IsBackground = true, Name = slot < cpus ? $"stall-probe-cpu{slot}" : "stall-probe-normal" };
            _threads[i].Start();
        }
        started.Wait();
        RealTimeRefused = refused.FirstOrDefault(reason => reason is not null);
    }

    /// <summary>Why the probes could not run at SCHED_FIFO 99 (then no stall can be witnessed); null when they do.</summary>
    public string? RealTimeRefused { get; }

    /// <summary>The longest a SCHED_FIFO 99 probe was kept from running since the last <see cref="Reset"/>, in ms; 0 when they are not real-time.</summary>
    public double MachineStallMs => RealTimeRefused is null ? Enumerable.Range(0, _worstNs.Length - 1).Max(cpu => Volatile.Read(ref _worstNs[cpu])) / 1e6 : 0;

    /// <summary>The longest a normal-priority thread waited past its wake-up since the last <see cref="Reset"/>, in ms.</summary>
    public double NormalWakeLatenessMs => Volatile.Read(ref _worstNs[^1]) / 1e6;

    public void Reset()
    {
        for (int i = 0; i < _worstNs.Length; i++) Volatile.Write(ref _worstNs[i], 0);
    }

    public override string ToString() =>
        RealTimeRefused is null ? $"machine stall {MachineStallMs:0.0} ms, normal-priority wake-up late by {NormalWakeLatenessMs:0.0} ms"
        : $"no machine stall can be witnessed ({RealTimeRefused}); normal-priority wake-up late by {NormalWakeLatenessMs:0.0} ms";

    private void Watch(int slot)
    {
        long deadline = MonotonicClock.NowNanoseconds();
        while (!_stop)
        {
            deadline += TickNs;
            MonotonicSleep.Until(deadline);
            long now = MonotonicClock.NowNanoseconds();
            long late = now - deadline;
            if (late > Volatile.Read(ref _worstNs[slot])) Volatile.Write(ref _worstNs[slot], late);
            // After a stall, the next deadline counts from now: one stall is measured once, not as a run of late ticks.
            if (late > TickNs) deadline = now;
        }
    }

    public void Dispose()
    {
        _stop = true;
        foreach (Thread thread in _threads) thread.Join();
    }
}
