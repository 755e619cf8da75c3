using StageBox.Hal.Native;

namespace StageBox.Tests.Hal;

public sealed class RealTimeSchedulingTests
{
    [Fact]
    public void Raising_a_thread_to_fifo_leaves_the_others_as_they_were_or_says_why_not()
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

        if (refused is null) Assert.True(raisedIsRealTime, "the kernel accepted SCHED_FIFO, so the thread must run under it");
        else Assert.Contains("SCHED_FIFO priority 10 refused", refused);
        Assert.False(RealTimeScheduling.CallingThreadIsRealTime(), "only the thread that asked is real-time");
    }

    [Fact]
    public void Pinning_to_a_cpu_that_cannot_exist_is_refused_with_the_reason()
    {
        Assert.Contains("outside 0..63", RealTimeScheduling.PinCallingThread(64));
    }
}
