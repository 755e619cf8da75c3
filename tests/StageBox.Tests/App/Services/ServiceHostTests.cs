using StageBox.App.Services;

namespace StageBox.Tests.App.Services;

public sealed class ServiceHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Writes what is done to it into a shared journal.</summary>
    private sealed class Recording(string name, List<string> journal) : IBoxService
    {
        public void Start(BoxPorts ports)
        {
            lock (journal) journal.Add($"start {name}");
        }

        public void Dispose()
        {
            lock (journal) journal.Add($"stop {name}");
        }
    }

    private sealed class Counting(TimeSpan interval) : TickedService(interval)
    {
        private int _ticks;

        public int Ticks => Volatile.Read(ref _ticks);

        public override void Tick(long nowNanoseconds) => Interlocked.Increment(ref _ticks);
    }

    private sealed class Failing() : TickedService(TimeSpan.FromMilliseconds(1))
    {
        public int Ticks { get; private set; }

        public override void Tick(long nowNanoseconds)
        {
            Ticks++;
            throw new IOException("the disk is full");
        }
    }

    [Fact]
    public void Services_start_in_the_order_listed_and_stop_the_last_first()
    {
        using var box = new TestBox("One");
        var journal = new List<string>();
        var host = new ServiceHost([new Recording("screen", journal), new Recording("systemd", journal), new Recording("controls", journal)]);
        host.Start(box.Ports);
        host.Dispose();

        Assert.Equal(["start screen", "start systemd", "start controls", "stop controls", "stop systemd", "stop screen"], journal);
    }

    [Fact]
    public void A_service_whose_tick_fails_is_logged_and_left_out_while_the_others_tick_on()
    {
        using var box = new TestBox("One");
        var failing = new Failing();
        var counting = new Counting(TimeSpan.FromMilliseconds(1));
        var host = new ServiceHost([failing, counting]);
        host.Start(box.Ports);
        SpinWait.SpinUntil(() => counting.Ticks >= 5, Patience);
        host.Dispose();

        Assert.True(counting.Ticks >= 5, $"the healthy service ticked {counting.Ticks} times");
        Assert.Equal(1, failing.Ticks);
        Assert.Contains("stagebox: Failing stopped: the disk is full", box.Log);
    }
}
