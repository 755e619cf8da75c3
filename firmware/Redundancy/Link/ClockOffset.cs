namespace StageBox.Redundancy.Link;

/// <summary>
/// The peer's CLOCK_MONOTONIC against this box's, and the link's delay, measured from the
/// timestamps every packet returns (as NTP does: t1 sent here, t2 received there, t3 sent
/// back, t4 received here). Of the last <see cref="Window"/> exchanges the one with the
/// shortest round trip is trusted, since queueing only ever adds delay, and usually on one side.
/// </summary>
public sealed class ClockOffset
{
    public const int Window = 64;
    private readonly long[] _roundTrips = new long[Window];
    private readonly long[] _offsets = new long[Window];
    private int _count;
    private int _next;

    /// <summary>Peer clock minus this box's clock, in ns; valid once <see cref="HasEstimate"/>.</summary>
    public long PeerMinusLocal { get; private set; }

    /// <summary>Half the shortest recent round trip: the one-way link delay, in ns.</summary>
    public long OneWayDelay { get; private set; }

    /// <summary>The latest round trip, in ns.</summary>
    public long LastRoundTrip { get; private set; }

    public bool HasEstimate => _count > 0;

    /// <param name="sentHere">t1: when this box sent the packet the peer echoes (this box's clock).</param>
    /// <param name="heldThere">t3 - t2: how long the peer held it before its reply went out.</param>
    /// <param name="sentThere">t3: when the reply left the peer (its clock).</param>
    /// <param name="receivedHere">t4: when the reply arrived (this box's clock).</param>
    public void Add(long sentHere, long heldThere, long sentThere, long receivedHere)
    {
        long roundTrip = receivedHere - sentHere - heldThere;
        if (sentHere <= 0 || heldThere < 0 || roundTrip < 0) return;
        long receivedThere = sentThere - heldThere;
        LastRoundTrip = roundTrip;
        _roundTrips[_next] = roundTrip;
        _offsets[_next] = ((receivedThere - sentHere) + (sentThere - receivedHere)) / 2;
        _next = (_next + 1) % Window;
        _count = Math.Min(_count + 1, Window);
        int best = 0;
        for (int i = 1; i < _count; i++)
            if (_roundTrips[i] < _roundTrips[best]) best = i;
        PeerMinusLocal = _offsets[best];
        OneWayDelay = _roundTrips[best] / 2;
    }

    /// <summary>A time on the peer's clock as this box's clock reads it.</summary>
    public long ToLocal(long peerTime) => peerTime - PeerMinusLocal;
}
