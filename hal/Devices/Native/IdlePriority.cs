using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// Puts every thread of this process at idle CPU priority (SCHED_IDLE, nice 19) and idle I/O
/// priority (the idle class of ioprio_set), so work like an import runs only when playback
/// leaves the CPU and the disk free. Linux keeps these per thread, and .NET has started its
/// GC and finalizer threads before Main: each existing thread is lowered, and threads made
/// afterwards inherit it from their creator.
/// </summary>
public static unsafe partial class IdlePriority
{
    private const int SchedIdle = 5; // SCHED_IDLE
    private const int PriorityOfProcess = 0; // PRIO_PROCESS (a thread id also works)
    private const int LowestNice = 19;
    private const int IoPriorityOfProcess = 1; // IOPRIO_WHO_PROCESS (a thread id also works)
    private const int IoPriorityIdle = 3 << 13; // IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0)

    /// <summary>Lowers every thread; returns a problem for each setting that could not be made (none: all done).</summary>
    public static IReadOnlyList<string> LowerThisProcess()
    {
        var problems = new List<string>();
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(task), out int thread)) continue;
            int noPriority = 0;
            Check(SchedSetScheduler(thread, SchedIdle, &noPriority), $"thread {thread}: SCHED_IDLE", problems);
            Check(SetPriority(PriorityOfProcess, (uint)thread, LowestNice), $"thread {thread}: nice {LowestNice}", problems);
            Check((int)Syscall(IoPrioritySetCall, IoPriorityOfProcess, thread, IoPriorityIdle), $"thread {thread}: idle I/O class", problems);
        }
        return problems;
    }

    /// <summary>ioprio_set has no libc wrapper; its number differs between the box (arm64) and a PC (x86-64).</summary>
    private static long IoPrioritySetCall => RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 30 : 251;

    private static void Check(int result, string what, List<string> problems)
    {
        if (result != 0) problems.Add($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    [LibraryImport("libc.so.6", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int thread, int policy, int* priority);

    [LibraryImport("libc.so.6", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int nice);

    [LibraryImport("libc.so.6", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long which, long who, long priority);
}
