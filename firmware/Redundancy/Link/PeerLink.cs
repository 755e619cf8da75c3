using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using StageBox.Hal.Native;

namespace StageBox.Redundancy.Link;

/// <summary>
/// The UDP link to the peer box, authenticated and replay-proof. Every packet is sealed with
/// HMAC-SHA256 under the shared key (<see cref="PacketSeal"/>). Each run of a box picks a random
/// nonce; a packet is acted on only when its seal holds, it echoes this box's nonce of this run
/// and its sequence number is new for the peer's run (<see cref="ReplayWindow"/>). So a stranger
/// can neither forge a packet nor play back one recorded earlier, from this run or another. A
/// peer run given up (the peer restarted) is never taken back. Used by the redundancy thread only.
/// </summary>
public sealed class PeerLink : IDisposable
{
    /// <summary>A peer run silent this long may be replaced by a new one that does not yet echo this box's nonce.</summary>
    private const long PeerRunSilenceNs = 300_000_000;
    private const int RetiredRunsKept = 16;

    private readonly Socket _socket;
    /// <summary>The peer's address, serialized once: sending to it allocates nothing.</summary>
    private readonly SocketAddress _peer;
    private readonly PacketSeal _seal;
    private readonly BoxRole _role;
    private readonly ulong _nonce = RandomNonce();
    private readonly byte[] _sendBuffer = new byte[PacketCodec.HeaderBytes + PacketCodec.MaxPayloadBytes + PacketSeal.TagBytes];
    private readonly byte[] _receiveBuffer = new byte[2048];
    private readonly Queue<ulong> _retiredPeerRuns = new();
    private ReplayWindow _replay = new();
    private ulong _peerNonce;
    private ulong _sequence;
    private long _peerSentAt, _peerReceivedAt;
    private long _taken, _forged, _replayed, _lost;
    private int _lastSentLength;

    public PeerLink(IPEndPoint local, IPEndPoint peer, LinkKey key, BoxRole role)
    {
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(local);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new SocketException((int)e.SocketErrorCode, $"redundancy.listen {local}: {e.Message}");
        }
        _peer = peer.Serialize();
        _seal = new PacketSeal(key);
        _role = role;
    }

    public ClockOffset Clock { get; } = new();

    /// <summary>When the last packet was taken (CLOCK_MONOTONIC ns), 0 before the first.</summary>
    public long LastTakenAt { get; private set; }

    public LinkCounters Counters => new(_taken, _forged, _replayed, _lost);

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
    /// Waits up to <paramref name="timeoutMicroseconds"/> for a packet the box may act on; true with
    /// it (the payload valid until the next call), false on timeout. Packets refused are counted.
    /// </summary>
    public bool TryReceive(int timeoutMicroseconds, out PacketHeader header, out ReadOnlySpan<byte> payload, out long receivedAt)
    {
        header = default;
        payload = default;
        receivedAt = 0;
        if (!_socket.Poll(timeoutMicroseconds, SelectMode.SelectRead)) return false;
        while (_socket.Available > 0)
        {
            int length = _socket.Receive(_receiveBuffer, SocketFlags.None);
            receivedAt = MonotonicClock.NowNanoseconds();
            ReadOnlySpan<byte> packet = _receiveBuffer.AsSpan(0, length);
            if (!_seal.Verify(packet) || !PacketCodec.TryReadHeader(packet, out header))
            {
                _forged++;
                continue;
            }
            if (!Admit(header, receivedAt)) continue;
            payload = packet[PacketCodec.HeaderBytes..^PacketSeal.TagBytes];
            return true;
        }
        return false;
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

    public void Dispose() => _socket.Dispose();
}
