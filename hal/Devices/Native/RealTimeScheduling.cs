using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// What the audio thread asks of the kernel: SCHED_FIFO for itself alone (never the whole
/// process, so the GC and timer threads keep normal priority), optionally one CPU, and the
/// process's memory locked so that a page fault can never stall it.
/// </summary>
/// <remarks>
/// A thread inherits the scheduling policy of the thread that creates it, and the runtime
/// creates threads from whichever thread needs one (a thread-pool worker from the thread that
/// queued work, a timer thread from the first thread to set a timer). So the policy is asked
/// for with SCHED_RESET_ON_FORK: whatever thread the audio thread causes to be created starts
/// at normal priority, and only the thread that asked runs real-time.
/// </remarks>
public static unsafe partial class RealTimeScheduling
{
    private const string Library = "libc.so.6";
    private const int SchedulerFifo = 1;        // SCHED_FIFO
    private const int ResetOnFork = 0x40000000; // SCHED_RESET_ON_FORK, or'd into the policy
    private const int LockCurrent = 1, LockFuture = 2, LockOnFault = 4; // MCL_*

    [LibraryImport(Library, EntryPoint = "pthread_self")]
    private static partial nuint PthreadSelf();

    [LibraryImport(Library, EntryPoint = "pthread_setschedparam")]
    private static partial int PthreadSetSchedParam(nuint thread, int policy, int* priority);

    [LibraryImport(Library, EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int thread);

    [LibraryImport(Library, EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ulong* mask);

    [LibraryImport(Library, EntryPoint = "mlockall", SetLastError = true)]
    private static partial int LockAll(int flags);

    /// <summary>Raises the calling thread, and no thread it creates, to SCHED_FIFO at <paramref name="priority"/> (1-99); null, or why not.</summary>
    public static string? RaiseCallingThread(int priority)
    {
        int error = PthreadSetSchedParam(PthreadSelf(), SchedulerFifo | ResetOnFork, &priority);
        return error == 0 ? null : $"SCHED_FIFO priority {priority} refused: {Marshal.GetPInvokeErrorMessage(error)} (run as a service with LimitRTPRIO, or as root)";
    }

    /// <summary>
    /// True when the calling thread runs under SCHED_FIFO, as the kernel has it: glibc's
    /// pthread_getschedparam answers from what it copied from the creating thread, which the
    /// kernel may since have reset.
    /// </summary>
    public static bool CallingThreadIsRealTime() => (SchedGetScheduler(0) & ~ResetOnFork) == SchedulerFifo;

    /// <summary>Pins the calling thread to one CPU; null, or why not.</summary>
    public static string? PinCallingThread(int cpu)
    {
        if (cpu is < 0 or > 63) return $"CPU {cpu} is outside 0..63";
        ulong mask = 1UL << cpu;
        return SchedSetAffinity(0, sizeof(ulong), &mask) == 0 ? null : $"pinning to CPU {cpu} refused: {Marshal.GetLastPInvokeErrorMessage()}";
    }

    /// <summary>
    /// Locks the process's pages in RAM as they are touched (MCL_ONFAULT): the .NET GC reserves
    /// far more address space than it uses, and locking all of it up front would fail or
    /// exhaust memory; locking on fault pins exactly what is used, now and later. Null, or why not.
    /// </summary>
    public static string? LockMemory() =>
        LockAll(LockCurrent | LockFuture | LockOnFault) == 0 ? null : $"mlockall refused: {Marshal.GetLastPInvokeErrorMessage()} (raise LimitMEMLOCK)";
}
