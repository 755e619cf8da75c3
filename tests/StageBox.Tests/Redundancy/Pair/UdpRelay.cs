using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// The network between the two boxes, as a test controls it: each box sends to its own end of
/// the relay, which passes the packet on to the other box from that box's end, so each box hears
/// its peer from the address it sends to (the configured peer, as on a cable). <see cref="Cut"/>
/// pulls the cable; every packet from the primary is kept, for a test to play back later as an
/// attacker would. Whatever reaches an end is passed on, so sending to <see cref="PrimarySidePort"/>
/// is speaking to the backup with the primary's address, as an attacker on the cable could.
/// </summary>
public sealed class UdpRelay : IDisposable
{
    private readonly Socket _primarySide = Bound();
    private readonly Socket _backupSide = Bound();
    private readonly IPEndPoint _primary, _backup;
    private readonly Thread _thread;
    private volatile bool _stop;
    private volatile bool _cut;
    private long _backupUnheardUntil;

    public UdpRelay(int primaryPort, int backupPort)
    {
        _primary = new IPEndPoint(IPAddress.Loopback, primaryPort);
        _backup = new IPEndPoint(IPAddress.Loopback, backupPort);
        _thread = new Thread(Run) { IsBackground = true, Name = "udp-relay" };
        _thread.Start();
    }

    /// <summary>Where the primary sends (its configured peer).</summary>
    public int PrimarySidePort => ((IPEndPoint)_primarySide.LocalEndPoint!).Port;

    /// <summary>Where the backup sends.</summary>
    public int BackupSidePort => ((IPEndPoint)_backupSide.LocalEndPoint!).Port;

    public ConcurrentQueue<byte[]> FromPrimary { get; } = new();

    public bool IsCut => _cut;

    public void Cut() => _cut = true;

    public void Mend() => _cut = false;

    /// <summary>What the backup sends is lost for <paramref name="span"/> from now, as if the primary were slow to read it.</summary>
    public void LoseFromBackupFor(TimeSpan span) => Volatile.Write(ref _backupUnheardUntil, Environment.TickCount64 + (long)span.TotalMilliseconds);

    private void Run()
    {
        var buffer = new byte[2048];
        var sockets = new List<Socket>();
        while (!_stop)
        {
            sockets.Clear();
            sockets.Add(_primarySide);
            sockets.Add(_backupSide);
            Socket.Select(sockets, null, null, 100_000);
            foreach (Socket socket in sockets)
            {
                int length = socket.Receive(buffer);
                byte[] packet = buffer[..length];
                bool fromPrimary = socket == _primarySide;
                if (fromPrimary && FromPrimary.Count < 100_000) FromPrimary.Enqueue(packet);
                bool lost = _cut || (!fromPrimary && Environment.TickCount64 < Volatile.Read(ref _backupUnheardUntil));
                if (!lost) (fromPrimary ? _backupSide : _primarySide).SendTo(packet, fromPrimary ? _backup : _primary);
            }
        }
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static int FreePort()
    {
        using Socket socket = Bound();
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _primarySide.Dispose();
        _backupSide.Dispose();
    }
}
