using System.Net.Sockets;
using System.Text;
using StageBox.App.Systemd;
using StageBox.Tests.Engine;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App.Services;

public sealed class SystemdServiceTests
{
    [Fact]
    public void Ready_at_start_a_ping_only_when_the_audio_loop_moved_on_and_stopping_at_the_end()
    {
        using var box = new TestBox("One");
        using var folder = new TempDirectory();
        string path = folder.File("notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));
        var service = new SystemdService(SystemdNotifier.To(path), TimeSpan.FromMilliseconds(200));

        service.Start(box.Ports);
        service.Tick(0);
        service.Tick(150_000_000); // half the interval has passed, but the audio loop has not moved
        EngineHarness.Render(box.Engine, 1);
        service.Tick(160_000_000);
        service.Dispose();

        Assert.Equal(["READY=1\nSTATUS=playing to the test's output", "WATCHDOG=1", "WATCHDOG=1", "STOPPING=1"], Received(systemd));
    }

    private static List<string> Received(Socket socket)
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (socket.Available > 0) messages.Add(Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
        return messages;
    }
}
