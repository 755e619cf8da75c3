using System.Globalization;
using StageBox.Hal.Native;
using StageBox.Tests.App;

namespace StageBox.Tests.Hal;

/// <summary>
/// SCHED_FIFO for the audio thread alone: granted whenever the process may have it, and when it
/// may not, refused with the reason while the box plays on at normal priority.
/// </summary>
public sealed class RealTimeSchedulingTests
{
    private const int CapSysNice = 23;

    [Fact]
    public void Fifo_is_granted_to_the_thread_that_asks_whenever_the_process_may_have_it_and_to_no_other()
    {
        string? refused = "not run";
        bool raisedIsRealTime = false;
        var audio = new Thread(() =>
        {
            refused = RealTimeScheduling.RaiseCallingThread(10);
            raisedIsRealTime = RealTimeScheduling.CallingThreadIsRealTime();
        });
        audio.Start();
        audio.Join();

        // The kernel grants SCHED_FIFO to a thread with CAP_SYS_NICE, or up to the process's RLIMIT_RTPRIO.
        bool may = HasCapability(CapSysNice) || RealTimePriorityLimit() >= 10;
        Assert.True(may == (refused is null), may ? $"this process may run at SCHED_FIFO 10, yet: {refused}" : "SCHED_FIFO 10 was granted to a process without CAP_SYS_NICE or RLIMIT_RTPRIO");
        Assert.Equal(may, raisedIsRealTime);
        Assert.False(RealTimeScheduling.CallingThreadIsRealTime(), "only the thread that asked is real-time");
    }

    [Fact]
    public void A_thread_that_the_real_time_thread_creates_starts_at_normal_priority()
    {
        string? refused = "not run";
        bool childIsRealTime = true;
        var audio = new Thread(() =>
        {
            refused = RealTimeScheduling.RaiseCallingThread(10);
            // What the runtime does when the audio thread queues work or sets a timer: a thread created from it.
            var child = new Thread(() => childIsRealTime = RealTimeScheduling.CallingThreadIsRealTime());
            child.Start();
            child.Join();
        });
        audio.Start();
        audio.Join();

        bool may = HasCapability(CapSysNice) || RealTimePriorityLimit() >= 10;
        Assert.True(may == (refused is null), $"may run at SCHED_FIFO 10: {may}; refused: {refused}");
        Assert.False(childIsRealTime, "a thread created by the real-time thread inherited SCHED_FIFO");
    }

    [Fact]
    public void A_box_refused_fifo_says_why_and_plays_on_at_normal_priority()
    {
        using var work = new TempDirectory();
        // Without CAP_SYS_NICE (dropped from the bounding set, so root loses it too) and with RLIMIT_RTPRIO 0: the kernel must refuse.
        StageBoxProcess.Result run = StageBoxProcess.RunUnder(["setpriv", "--bounding-set", "-sys_nice", "prlimit", "--rtprio=0"], work.Path,
            "run", "--sim", "--play", "--exit-after", "2", "--record", work.File("sim.wav"), "--status-file", work.File("status"));

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("stagebox: warning: SCHED_FIFO priority 80 refused: Operation not permitted", run.Errors);
        Assert.Contains("; playing at normal priority", run.Errors);
        AudioThreadAllocations.AssertNoneAtExit(run.Output, minimumPeriods: 100);
    }

    [Fact]
    public void Pinning_to_a_cpu_that_cannot_exist_is_refused_with_the_reason()
    {
        Assert.Contains("outside 0..63", RealTimeScheduling.PinCallingThread(64));
    }

    private static bool HasCapability(int capability)
    {
        string effective = File.ReadLines("/proc/self/status").First(line => line.StartsWith("CapEff:", StringComparison.Ordinal))["CapEff:".Length..].Trim();
        return (ulong.Parse(effective, NumberStyles.HexNumber) & (1UL << capability)) != 0;
    }

    /// <summary>The soft RLIMIT_RTPRIO, from /proc/self/limits ("Max realtime priority  0  0").</summary>
    private static int RealTimePriorityLimit()
    {
        string line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max realtime priority", StringComparison.Ordinal));
        string soft = line["Max realtime priority".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? 99 : int.Parse(soft, CultureInfo.InvariantCulture);
    }
}
