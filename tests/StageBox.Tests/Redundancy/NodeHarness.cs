using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Display;
using StageBox.Redundancy;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Lockstep;
using StageBox.Redundancy.Roles;
using StageBox.Tests.Engine;

namespace StageBox.Tests.Redundancy;

/// <summary>CLOCK_MONOTONIC as a test moves it: a second after boot until told otherwise.</summary>
internal sealed class FakeClock : IMonotonicClock
{
    public long Now { get; private set; } = 1_000_000_000;

    public long NowNanoseconds() => Now;

    public void Advance(long nanoseconds) => Now += nanoseconds;
}

/// <summary>What the node sent, decoded by its kind (the other payloads are default).</summary>
internal readonly record struct SentPacket(PacketKind Kind, int Term, BeatPayload Beat, ReportPayload Report);

/// <summary>
/// A peer link without a network. The packets a test delivers are taken one per read, stamped
/// as <see cref="PeerLink"/> stamps them (when read, on the node's clock) unless the test gives
/// the stamp. What the node sends is kept, decoded; the list is made large enough up front that
/// recording a packet allocates nothing.
/// </summary>
internal sealed class FakeLink(FakeClock clock) : IPeerLink
{
    private readonly Queue<(PacketHeader Header, byte[] Payload, long? ReceivedAt)> _inbox = new(1024);
    private long _taken;

    public ClockOffset Clock { get; } = new();
    public long LastTakenAt { get; private set; }
    public long LastHeartbeatSeenAt { get; private set; }
    public LinkCounters Counters => new(_taken, 0, 0, 0, 0, 0);
    public List<SentPacket> Sent { get; } = new(100_000);

    public void Deliver(PacketHeader header, byte[] payload, long? receivedAt = null) => _inbox.Enqueue((header, payload, receivedAt));

    public Arrival Receive(int timeoutMicroseconds, out PacketHeader header, out ReadOnlySpan<byte> payload, out long receivedAt)
    {
        header = default;
        payload = default;
        receivedAt = 0;
        if (!_inbox.TryDequeue(out var packet)) return Arrival.Nothing;
        header = packet.Header;
        payload = packet.Payload;
        receivedAt = packet.ReceivedAt ?? clock.Now;
        if (header.Kind == PacketKind.Beat) LastHeartbeatSeenAt = receivedAt;
        LastTakenAt = receivedAt;
        _taken++;
        return Arrival.Taken;
    }

    public void Send(PacketKind kind, int term, ShowIdentity show, ReadOnlySpan<byte> payload)
    {
        BeatPayload beat = default;
        ReportPayload report = default;
        if (kind == PacketKind.Beat) PacketCodec.TryRead(payload, out beat);
        if (kind == PacketKind.Report) PacketCodec.TryRead(payload, out report);
        Sent.Add(new SentPacket(kind, term, beat, report));
    }
}

/// <summary>This box's watchdog line: at each toggle, how many packets the node had sent by then.</summary>
internal sealed class RecordingLine(FakeLink link) : IDigitalOutput
{
    public List<int> SentAtToggles { get; } = new(1000);

    public void Set(bool high) => SentAtToggles.Add(link.Sent.Count);
}

/// <summary>The other box of the pair as the node hears it: packets of its run, numbered in turn.</summary>
internal sealed class FakePeer(BoxRole role, ShowIdentity show)
{
    private ulong _sequence;
    private long _periods;

    public PacketHeader Header(PacketKind kind, int term) => new(kind, role, term, SenderNonce: 7, EchoNonce: 0, ++_sequence, SentAt: 0, 0, 0, show);

    /// <summary>A beat of a box that is stopped at the first song, as a node that never played hears itself.</summary>
    public byte[] Beat(BeatFlags flags = BeatFlags.None) =>
        Encode(payload => PacketCodec.Write(payload, new BeatPayload(TransportState.Stopped, 0, 0, 0, 0, ++_periods, flags, 0, false, 0)));

    public byte[] Report(bool following) => Encode(payload => PacketCodec.Write(payload, new ReportPayload(following, 0)));

    private static byte[] Encode(Func<byte[], int> write)
    {
        var payload = new byte[PacketCodec.MaxPayloadBytes];
        return payload[..write(payload)];
    }
}

/// <summary>
/// One box's redundancy node, driven pass by pass with a fake clock and a fake link, over a real
/// engine and lockstep stage (pure, as <c>RedundantPair</c> builds them) that play one stopped song.
/// </summary>
internal sealed class NodeHarness : IDisposable
{
    public const long Ms = 1_000_000;
    public const double TakeoverAfterMs = 12;
    private const int Period = 256, Buffer = 1024, Channels = 2;
    private static readonly ShowIdentity Show = ShowIdentity.Of("content", "setlist");

    private readonly MixChain _chain;
    private readonly SilentDevice _device;
    private readonly byte[] _period;

    public NodeHarness(BoxRole role)
    {
        Link = new FakeLink(Clock);
        Peer = new FakePeer(role == BoxRole.Primary ? BoxRole.Backup : BoxRole.Primary, Show);
        PreparedSong song = EngineHarness.Song(EngineHarness.Constant(120), bars: 8);
        Engine = EngineHarness.NewEngine(Channels, Period, new SetlistSlot(song, SongEnd.Stop));
        WatchdogOut = new RecordingLine(Link);
        Stage = new LockstepStage(Engine.Format, Period, Buffer, outputOpen: false, WatchdogOut);
        _chain = new MixChain(Engine, []);
        _device = new SilentDevice(Engine.Format, Period);
        _period = new byte[Engine.PeriodBytes];
        Node = new RedundancyNodeCore(new NodeWiring
        {
            Role = role,
            StandbyOutput = StandbyOutput.Muted,
            TakeoverAfter = TimeSpan.FromMilliseconds(TakeoverAfterMs),
            Link = Link,
            Clock = Clock,
            Stage = Stage,
            Engine = Engine,
            Health = new RenderHealth(),
            Show = Show,
            Log = Log.Add,
        });
        Node.Start();
    }

    public FakeClock Clock { get; } = new();
    public FakeLink Link { get; }
    public RecordingLine WatchdogOut { get; }
    public FakePeer Peer { get; }
    public List<string> Log { get; } = new(1000);
    public PlaybackEngine Engine { get; }
    public LockstepStage Stage { get; }
    public RedundancyNodeCore Node { get; }

    /// <summary>Whether the node has said it went live (under any term).</summary>
    public bool WentLive => Log.Any(line => line.StartsWith("live (term "));

    public string Transcript => string.Join("\n", Log);

    /// <summary>A beat from the peer, taken at the next pass.</summary>
    public void PeerBeats(int term, BeatFlags flags = BeatFlags.None, long? receivedAt = null) =>
        Link.Deliver(Peer.Header(PacketKind.Beat, term), Peer.Beat(flags), receivedAt);

    /// <summary>
    /// The node's passes as its thread makes them when nothing stalls it, one per 1 ms receive
    /// wait, for <paramref name="milliseconds"/>.
    /// </summary>
    public void Passes(int milliseconds)
    {
        for (int pass = 0; pass < milliseconds; pass++)
        {
            Clock.Advance(Ms);
            Node.Step();
        }
    }

    /// <summary>The audio thread's part of one period: the engine rendered through the stage, heard now.</summary>
    public void PlayPeriod()
    {
        Stage.Render(_chain, _device, _period);
        Stage.Written(0, Clock.Now);
    }

    /// <summary>The packets of <paramref name="kind"/> the node sent from the <paramref name="from"/>th on.</summary>
    public SentPacket[] Sent(PacketKind kind, int from = 0) => Link.Sent.Skip(from).Where(packet => packet.Kind == kind).ToArray();

    public void Dispose() => Node.Dispose();

    /// <summary>A device that takes every period at once and holds nothing back.</summary>
    private sealed class SilentDevice(PcmFormat format, int periodFrames) : IPcmOutput
    {
        public PcmFormat Format => format;
        public int PeriodFrames => periodFrames;
        public long Xruns => 0;
        public long DeviceLosses => 0;
        public long DelayFrames => 0;

        public void Write(ReadOnlySpan<byte> interleavedFrames)
        {
        }

        public void Dispose()
        {
        }
    }
}
