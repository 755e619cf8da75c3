using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>
/// Junk aimed at the boxes' link ports as fast as one thread can send it, from strangers on this
/// machine: a socket on another loopback address (127.0.0.2) and one on the boxes' own address
/// with a port of its own, taking turns. Each datagram starts with the link's magic, so only the
/// sender's address tells it from a packet. Bounded: it stops after the time given or
/// <see cref="MaxDatagrams"/>, whichever comes first.
/// </summary>
internal static class LinkFlood
{
    public const long MaxDatagrams = 100_000_000;

    /// <summary>Floods <paramref name="ports"/> (on 127.0.0.1) for <paramref name="length"/>; the datagrams sent.</summary>
    public static long Run(IReadOnlyList<int> ports, int datagramBytes, TimeSpan length)
    {
        using var otherAddress = Bound(IPAddress.Parse("127.0.0.2"));
        using var otherPort = Bound(IPAddress.Loopback);
        Socket[] senders = [otherAddress, otherPort];
        SocketAddress[] targets = ports.Select(port => new IPEndPoint(IPAddress.Loopback, port).Serialize()).ToArray();
        var junk = new byte[datagramBytes];
        new Random(24).NextBytes(junk);
        "SBXR\u0001"u8.CopyTo(junk);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (sent < MaxDatagrams && (sent % 1024 != 0 || clock.Elapsed < length))
        {
            senders[sent % senders.Length].SendTo(junk, SocketFlags.None, targets[(sent / senders.Length) % targets.Length]);
            sent++;
        }
        return sent;
    }

    private static Socket Bound(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }
}
