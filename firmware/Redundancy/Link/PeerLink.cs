using StageBox.Hal;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using StageBox.Hal.Native;

namespace StageBox.Redundancy.Link;

/// <summary>What one call to <see cref="PeerLink.Receive"/> found.</summary>
public enum Arrival
{
    /// <summary>Nothing came within the wait.</summary>
    Nothing,
    /// <summary>A datagram came and was turned away (counted in <see cref="PeerLink.Counters"/>).</summary>
    Refused,
    /// <summary>A packet from the peer the box may act on.</summary>
    Taken,
}

/// <summary>
/// The UDP link to the peer box, authenticated and replay-proof. Every packet is sealed with
/// HMAC-SHA256 under the shared key (<see cref="PacketSeal"/>). Each run of a box picks a random
/// nonce; a packet is acted on only when its seal holds, it echoes this box's nonce of this run
/// and its sequence number is new for the peer's run (<see cref="ReplayWindow"/>). So a stranger
/// can neither forge a packet nor play back one recorded earlier, from this run or another. A
/// peer run given up (the peer restarted) is never taken back. Junk costs little: a datagram
/// not from the peer's address and port is dropped by the kernel before it is queued (a socket
/// filter; for IPv6, here), one not of a packet's size and magic is dropped here before any
/// cryptography, and the caller reads one datagram per call, so it bounds its own work.
/// Used by the redundancy thread only.
/// </summary>
public sealed class PeerLink : IPeerLink, IDisposable
{
    /// <summary>A peer run silent this long may be replaced by a new one that does not yet echo this box's nonce.</summary>
    private const long PeerRunSilenceNs = 300_000_000;
    private const int RetiredRunsKept = 16;
    private const int SmallestPacket = PacketCodec.HeaderBytes + PacketCodec.MinPayloadBytes + PacketSeal.TagBytes;
    private const int LargestPacket = PacketCodec.HeaderBytes + PacketCodec.MaxPayloadBytes + PacketSeal.TagBytes;

    private readonly Socket _socket;
    /// <summary>The peer's address, serialized once: sending to it and comparing a sender with it allocate nothing.</summary>
    private readonly SocketAddress _peer;
    /// <summary>Where the datagram just read came from.</summary>
    private readonly SocketAddress _sender;
    private readonly PacketSeal _seal;
    /// <summary>Whether the kernel drops datagrams not from the peer (<see cref="UdpSourceFilter"/>, IPv4), counted by the socket rather than here.</summary>
    private readonly bool _kernelFilters;
    private readonly BoxRole _role;
    private readonly ulong _nonce = RandomNonce();
    private readonly byte[] _sendBuffer = new byte[LargestPacket];
    /// <summary>One byte more than any packet: a longer datagram is cut to this and so seen to be too long, without copying the rest.</summary>
    private readonly byte[] _receiveBuffer = new byte[LargestPacket + 1];
    private readonly Queue<ulong> _retiredPeerRuns = new();
    private ReplayWindow _replay = new();
    private ulong _peerNonce;
    private ulong _sequence;
    private long _peerSentAt, _peerReceivedAt;
    private long _taken, _lost, _strangers, _malformed, _forged, _replayed;
    private int _lastSentLength;

    /// <param name="local">
    /// The address and port to bind, used as given: a box with an address for the link
    /// (169.254.x.y, 10.x...) listens there alone. It may be bound before the address is up
    /// (IP_FREEBIND): a box started with the pair's cable out still plays, and hears its peer once the link comes up.
    /// </param>
    public PeerLink(IPEndPoint local, IPEndPoint peer, LinkKey key, BoxRole role)
    {
        if (local.AddressFamily != peer.AddressFamily) throw new ArgumentException($"redundancy.listen {local} and redundancy.peer {peer} are not of one address family (IPv4 or IPv6)");
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                AllowBindingBeforeTheAddressIsUp(_socket);
                _kernelFilters = UdpSourceFilter.Attach(_socket, peer);
            }
            _socket.Bind(local);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new SocketException((int)e.SocketErrorCode, $"redundancy.listen {local}: {e.Message}");
        }
        _peer = peer.Serialize();
        _sender = new SocketAddress(peer.AddressFamily);
        _seal = new PacketSeal(key);
        _role = role;
    }

    /// <summary>Where the link listens, as bound.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public ClockOffset Clock { get; } = new();

    /// <summary>When the last packet was taken (CLOCK_MONOTONIC ns), 0 before the first.</summary>
    public long LastTakenAt { get; private set; }

    /// <summary>
    /// When a heartbeat sealed with the pair's key last came from the peer's address, taken or not
    /// (CLOCK_MONOTONIC ns), 0 before the first: a live peer's beats are taken only once they echo
    /// this run's nonce, a round trip after this box first spoke, and until then they show it is there.
    /// </summary>
    public long LastHeartbeatSeenAt { get; private set; }

    /// <summary>What the link took and refused; strangers include what the kernel dropped for the socket (its filter's, or a full buffer's).</summary>
    public LinkCounters Counters => new(_taken, _lost, _strangers + (_kernelFilters ? UdpSourceFilter.Drops(_socket) : 0), _malformed, _forged, _replayed);

    /// <summary>The last packet sent, sealed, as it went on the wire (valid until the next send).</summary>
    public ReadOnlySpan<byte> LastSent => _sendBuffer.AsSpan(0, _lastSentLength);

    public void Send(PacketKind kind, int term, ShowIdentity show, ReadOnlySpan<byte> payload)
    {
        long now = MonotonicClock.NowNanoseconds();
        var header = new PacketHeader(kind, _role, term, _nonce, _peerNonce, ++_sequence, now,
            _peerSentAt, _peerReceivedAt == 0 ? 0 : now - _peerReceivedAt, show);
        int length = PacketCodec.WriteHeader(_sendBuffer, header);
        payload.CopyTo(_sendBuffer.AsSpan(length));
        length = _seal.Seal(_sendBuffer, length + payload.Length);
        _lastSentLength = length;
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, _peer);
        }
        catch (SocketException)
        {
            // The link is down (no route, interface gone): the peer's silence says so, and sending goes on.
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMicroseconds"/> for a datagram and reads that one:
    /// <see cref="Arrival.Taken"/> with a packet the box may act on (the payload valid until the
    /// next call), <see cref="Arrival.Refused"/> when it was turned away (and counted), or
    /// <see cref="Arrival.Nothing"/> when none came.
    /// </summary>
    public Arrival Receive(int timeoutMicroseconds, out PacketHeader header, out ReadOnlySpan<byte> payload, out long receivedAt)
    {
        header = default;
        payload = default;
        receivedAt = 0;
        if (!_socket.Poll(timeoutMicroseconds, SelectMode.SelectRead)) return Arrival.Nothing;
        int length;
        try
        {
            length = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _sender);
        }
        catch (SocketException)
        {
            // An error queued on the socket (an ICMP report of an earlier send): no datagram.
            return Arrival.Nothing;
        }
        receivedAt = MonotonicClock.NowNanoseconds();
        ReadOnlySpan<byte> packet = _receiveBuffer.AsSpan(0, length);
        if (!_sender.Equals(_peer)) return Refuse(ref _strangers);
        if (length is < SmallestPacket or > LargestPacket || !PacketCodec.HasMagic(packet)) return Refuse(ref _malformed);
        if (!_seal.Verify(packet)) return Refuse(ref _forged);
        // Sealed with the key but not a packet this version reads: a peer running other firmware.
        if (!PacketCodec.TryReadHeader(packet, out header)) return Refuse(ref _malformed);
        if (header.Kind == PacketKind.Beat) LastHeartbeatSeenAt = receivedAt;
        if (!Admit(header, receivedAt)) return Arrival.Refused;
        payload = packet[PacketCodec.HeaderBytes..^PacketSeal.TagBytes];
        return Arrival.Taken;
    }

    private static Arrival Refuse(ref long counter)
    {
        counter++;
        return Arrival.Refused;
    }

    private bool Admit(in PacketHeader header, long receivedAt)
    {
        if (header.SenderNonce != _peerNonce && !AdoptPeerRun(header, receivedAt)) return false;
        if (header.EchoNonce != _nonce)
        {
            // Not yet knowing this run's nonce is how a peer starts; anything else echoing another nonce is a playback.
            if (header.EchoNonce != 0) _replayed++;
            return false;
        }
        ulong highest = _replay.Highest;
        if (!_replay.Accept(header.Sequence))
        {
            _replayed++;
            return false;
        }
        if (highest != 0 && header.Sequence > highest + 1) _lost += (long)(header.Sequence - highest - 1);
        _taken++;
        LastTakenAt = receivedAt;
        _peerSentAt = header.SentAt;
        _peerReceivedAt = receivedAt;
        if (header.EchoSentAt != 0) Clock.Add(header.EchoSentAt, header.EchoHeld, header.SentAt, receivedAt);
        return true;
    }

    /// <summary>
    /// A packet from a peer run not current: taken as the new current run when it echoes this
    /// run's nonce (only the live peer can), or when the current one has fallen silent (a peer
    /// restarting, which learns this box's nonce from the reply). A run given up never returns.
    /// </summary>
    private bool AdoptPeerRun(in PacketHeader header, long receivedAt)
    {
        // A run never seen that echoes a nonce, but not this run's, was recorded in another run of this box.
        if (_retiredPeerRuns.Contains(header.SenderNonce) || (header.EchoNonce != 0 && header.EchoNonce != _nonce))
        {
            _replayed++;
            return false;
        }
        bool currentSilent = _peerNonce == 0 || receivedAt - LastTakenAt > PeerRunSilenceNs;
        if (header.EchoNonce != _nonce && !currentSilent) return false;
        if (_peerNonce != 0)
        {
            _retiredPeerRuns.Enqueue(_peerNonce);
            if (_retiredPeerRuns.Count > RetiredRunsKept) _retiredPeerRuns.Dequeue();
        }
        _peerNonce = header.SenderNonce;
        _replay = new ReplayWindow();
        _peerSentAt = 0;
        _peerReceivedAt = 0;
        return true;
    }

    private static ulong RandomNonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong nonce;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            nonce = BitConverter.ToUInt64(bytes);
        }
        while (nonce == 0);
        return nonce;
    }

    private static void AllowBindingBeforeTheAddressIsUp(Socket socket)
    {
        const int SolIp = 0, IpFreebind = 15, SolIpv6 = 41, Ipv6Freebind = 78;
        bool v4 = socket.AddressFamily == AddressFamily.InterNetwork;
        socket.SetRawSocketOption(v4 ? SolIp : SolIpv6, v4 ? IpFreebind : Ipv6Freebind, BitConverter.GetBytes(1));
    }

    public void Dispose() => _socket.Dispose();
}
