using StageBox.Hal;

namespace StageBox.Redundancy.Link;

/// <summary>
/// What the redundancy node uses of the link to its peer (<see cref="PeerLink"/> on the box, a
/// queue of packets in a test). Every time it gives is on the node's <see cref="IMonotonicClock"/>:
/// <see cref="PeerLink"/> stamps a packet with CLOCK_MONOTONIC as it reads it, the clock
/// <see cref="SystemMonotonicClock"/> reads. Used by the redundancy thread only; nothing here may allocate.
/// </summary>
public interface IPeerLink
{
    /// <summary>The peer's clock against this box's, and the link's delay.</summary>
    ClockOffset Clock { get; }

    /// <summary>When the last packet was taken (ns), 0 before the first.</summary>
    long LastTakenAt { get; }

    /// <summary>When a heartbeat sealed with the pair's key last came from the peer, taken or not (ns), 0 before the first.</summary>
    long LastHeartbeatSeenAt { get; }

    /// <summary>What the link took and refused.</summary>
    LinkCounters Counters { get; }

    /// <summary>Seals and sends a packet of <paramref name="kind"/> with this payload.</summary>
    void Send(PacketKind kind, int term, ShowIdentity show, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Waits up to <paramref name="timeoutMicroseconds"/> for a datagram and reads that one; the
    /// payload is valid until the next call, <paramref name="receivedAt"/> is when it was read.
    /// </summary>
    Arrival Receive(int timeoutMicroseconds, out PacketHeader header, out ReadOnlySpan<byte> payload, out long receivedAt);
}
