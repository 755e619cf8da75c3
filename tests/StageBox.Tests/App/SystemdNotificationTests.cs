using System.Net.Sockets;
using System.Text;
using StageBox.App.Systemd;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App;

/// <summary>
/// sd_notify as systemd receives it: datagrams on a Unix socket. The box says READY once it
/// plays, pings the watchdog only while the audio loop makes progress, and says STOPPING.
/// </summary>
public sealed class SystemdNotificationTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>A datagram socket standing in for systemd's notification socket.</summary>
    private Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.ReceiveTimeout = 100;
        return socket;
    }

    private static List<string> Received(Socket socket)
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (true)
        {
            try
            {
                messages.Add(Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                return messages;
            }
        }
    }

    [Fact]
    public void The_watchdog_is_pinged_at_half_its_interval_only_while_the_audio_loop_renders()
    {
        string path = _work.File("notify");
        using Socket systemd = Listen(path);
        using var notifier = SystemdNotifier.To(path);
        var watchdog = new AudioWatchdog(notifier, TimeSpan.FromMilliseconds(200));
        const long Ms = 1_000_000;
        var pinged = new List<long>();
        long periods = 0;
        for (long now = 0; now <= 1000 * Ms; now += 20 * Ms)
        {
            if (now < 500 * Ms) periods += 4; // the audio loop stalls at 500 ms
            if (watchdog.Observe(periods, now)) pinged.Add(now / Ms);
        }
        // The ping at 500 ms still reports periods rendered since the one at 400; after it, none.
        Assert.Equal([0, 100, 200, 300, 400, 500], pinged);
        Assert.Equal(Enumerable.Repeat("WATCHDOG=1", 6), Received(systemd));
    }

    [Fact]
    public void Without_a_watchdog_interval_or_a_socket_nothing_is_sent()
    {
        using var nowhere = SystemdNotifier.To(null);
        Assert.False(nowhere.Enabled);
        nowhere.Notify("READY=1");
        Assert.False(new AudioWatchdog(nowhere, null).Observe(100, 0));
    }

    [Fact]
    public async Task The_running_box_says_ready_pings_the_watchdog_from_its_audio_loop_and_says_stopping()
    {
        string path = _work.File("notify");
        using Socket systemd = Listen(path);
        using RunningStageBox box = StageBoxProcess.Start(_work.Path,
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path, ["WATCHDOG_USEC"] = "200000" },
            "run", "--sim", "--play", "--exit-after", "2", "--record", _work.File("sim.wav"), "--status-file", _work.File("status.json"));
        // Read as systemd does, while the box runs: the socket's queue holds only a few datagrams.
        var messages = new List<string>();
        Task<int> exited = Task.Run(() => box.WaitForExit(TimeSpan.FromMinutes(2)));
        while (!exited.IsCompleted) messages.AddRange(Received(systemd));
        messages.AddRange(Received(systemd));
        Assert.Equal(0, await exited);
        Assert.StartsWith("READY=1\nSTATUS=playing to clock-paced output", messages[0]);
        Assert.Equal("STOPPING=1", messages[^1]);
        // 2 s of play at a ping every 100 ms: about 20, give or take the start and a busy machine.
        Assert.InRange(messages.Count(m => m == "WATCHDOG=1"), 5, 25);
        Assert.Equal(messages.Count - 2, messages.Count(m => m == "WATCHDOG=1"));
    }
}
