using System.Net;
using System.Net.Sockets;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;

namespace StageBox.Tests.Redundancy;

public sealed class LinkTests
{
    private static readonly LinkKey Key = LinkKey.FromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    [Fact]
    public void The_replay_window_takes_each_number_once_and_a_few_out_of_order()
    {
        var window = new ReplayWindow();
        Assert.True(window.Accept(5));
        Assert.True(window.Accept(3));
        Assert.False(window.Accept(3));
        Assert.False(window.Accept(5));
        Assert.True(window.Accept(100));
        Assert.False(window.Accept(35)); // 65 behind the highest: older than the window
        Assert.True(window.Accept(36)); // 64 behind: the oldest it still holds
        Assert.False(window.Accept(0));
    }

    /// <summary>
    /// After a jump of exactly the window's width the old highest number is the oldest the window
    /// holds; one further, it has left the window. Either way it may not be taken again, while a
    /// number never seen that is still inside the window is.
    /// </summary>
    [Theory]
    [InlineData(ReplayWindow.Width - 1)]
    [InlineData(ReplayWindow.Width)]
    [InlineData(ReplayWindow.Width + 1)]
    public void A_jump_near_the_window_width_still_refuses_the_old_highest_number(int jump)
    {
        var window = new ReplayWindow();
        Assert.True(window.Accept(1));
        Assert.True(window.Accept(1 + (ulong)jump));
        Assert.False(window.Accept(1));
        Assert.True(window.Accept(2));
        Assert.False(window.Accept(2));
        Assert.True(window.Accept((ulong)jump));
    }

    [Fact]
    public void A_sealed_packet_reads_back_and_any_changed_byte_breaks_the_seal()
    {
        var seal = new PacketSeal(Key);
        var packet = new byte[200];
        var header = new PacketHeader(PacketKind.Beat, BoxRole.Primary, 3, 11, 22, 33, 44, 55, 66, ShowIdentity.Of("abc", "main"));
        int length = PacketCodec.WriteHeader(packet, header);
        var beat = new BeatPayload(TransportState.Playing, 2, 3, 12345.5, 777, 999, BeatFlags.XrunStorm, -35, true, 4);
        length += PacketCodec.Write(packet.AsSpan(length), beat);
        int sealedLength = seal.Seal(packet, length);
        byte[] sealedPacket = packet[..sealedLength];

        Assert.True(seal.Verify(sealedPacket));
        Assert.True(PacketCodec.TryReadHeader(sealedPacket, out PacketHeader read));
        Assert.Equal(header, read);
        Assert.True(PacketCodec.TryRead(sealedPacket.AsSpan(PacketCodec.HeaderBytes, length - PacketCodec.HeaderBytes), out BeatPayload readBeat));
        Assert.Equal(beat, readBeat);
        for (int i = 0; i < sealedPacket.Length; i += 7)
        {
            byte[] changed = (byte[])sealedPacket.Clone();
            changed[i] ^= 0x20;
            Assert.False(seal.Verify(changed), $"byte {i} changed and the seal still held");
        }
        Assert.False(new PacketSeal(LinkKey.FromHex("ff112233445566778899aabbccddeeff")).Verify(sealedPacket));
    }

    [Theory]
    [InlineData("not hex", "not a hex string")]
    [InlineData("0011223344556677", "64 bits is too short")]
    [InlineData("00000000000000000000000000000000", "redundancy.key: all zero, a key anyone could guess")]
    [InlineData("7777777777777777777777777777777777777777777777777777777777777777", "redundancy.key: every byte 77")]
    [InlineData("0102030405060701020304050607010203040506070102030405060701020304", "redundancy.key: only 7 different byte values")]
    public void A_bad_key_is_refused_saying_why(string key, string why)
    {
        var error = Assert.Throws<FormatException>(() => LinkKey.FromHex(key));
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Two_links_pair_up_refuse_a_packet_played_back_and_keep_to_the_peer_run_that_talks()
    {
        using var wire = new Wire();
        using PeerLink primary = wire.Primary(), backup = wire.Backup();

        // The first packets carry no echo of the other's nonce: learned from, not acted on.
        primary.Send(PacketKind.Beat, 0, Show, [1, 2, 3, 4, 5]);
        Assert.Equal(Arrival.Refused, backup.Receive(Patience, out _, out _, out _));
        backup.Send(PacketKind.Report, 0, Show, [0, 0, 0, 0, 0]);
        Assert.Equal(Arrival.Taken, primary.Receive(Patience, out PacketHeader fromBackup, out _, out _));
        Assert.Equal(BoxRole.Backup, fromBackup.SenderRole);
        primary.Send(PacketKind.Beat, 0, Show, [4, 5, 6, 7, 8]);
        Assert.Equal(Arrival.Taken, backup.Receive(Patience, out PacketHeader fromPrimary, out ReadOnlySpan<byte> payload, out _));
        Assert.Equal(new byte[] { 4, 5, 6, 7, 8 }, payload.ToArray());
        Assert.True(backup.Clock.HasEstimate || primary.Clock.HasEstimate);

        // A copy of a packet already taken, from the primary's address (an attacker on the cable): refused as a replay.
        wire.AsPrimary(primary.LastSent.ToArray());
        Assert.Equal(Arrival.Refused, backup.Receive(Patience, out _, out _, out _));
        Assert.Equal(1, backup.Counters.Replayed);

        // A second backup run (a restart, or someone with the key's old packets) is not taken over the run that is talking.
        using var restarted = new PeerLink(new IPEndPoint(IPAddress.Loopback, Pair.UdpRelay.FreePort()), wire.BackupsPeer, Key, BoxRole.Backup);
        restarted.Send(PacketKind.Report, 0, Show, [0, 0, 0, 0, 0]);
        Assert.Equal(Arrival.Refused, primary.Receive(Patience, out _, out _, out _));
        backup.Send(PacketKind.Report, 0, Show, [0, 0, 0, 0, 0]);
        Assert.Equal(Arrival.Taken, primary.Receive(Patience, out _, out _, out _));
        Assert.Equal(Arrival.Nothing, primary.Receive(0, out _, out _, out _));
    }

    /// <summary>
    /// Each kind of junk is turned away by the first check it fails, and the cheap checks run
    /// first: a real packet from a stranger's address is a stranger's, dropped by the kernel
    /// before it takes room in the socket (its seal is never looked at), a datagram from the peer's address of a packet's size without its magic, or with the
    /// magic but of another size, is malformed; only one that passes both is checked for its seal.
    /// </summary>
    [Fact]
    public void Junk_is_counted_by_the_first_check_it_fails_and_the_seal_is_checked_last()
    {
        using var wire = new Wire();
        using PeerLink primary = wire.Primary(), backup = wire.Backup();
        primary.Send(PacketKind.Beat, 0, Show, [1, 2, 3, 4, 5]);
        Assert.Equal(Arrival.Refused, backup.Receive(Patience, out _, out _, out _)); // a first packet, learned from
        byte[] genuine = primary.LastSent.ToArray();
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        using var sameAddressOtherPort = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        stranger.SendTo(Forged(genuine), backup.LocalEndPoint);
        sameAddressOtherPort.SendTo(Forged(genuine), backup.LocalEndPoint);
        byte[] noMagic = Forged(genuine);
        noMagic[0] = (byte)'X';
        wire.AsPrimary(noMagic);
        wire.AsPrimary([.. Forged(genuine), .. new byte[PacketCodec.MaxPayloadBytes]]);
        wire.AsPrimary(genuine[..^(PacketSeal.TagBytes + 1)]);
        wire.AsPrimary(new byte[1400]);
        wire.AsPrimary(Forged(genuine));
        // The strangers' datagrams never reach the socket (the kernel's filter drops them); the rest are read and refused.
        for (int i = 0; i < 5; i++) Assert.Equal(Arrival.Refused, backup.Receive(Patience, out _, out _, out _));
        Assert.Equal(Arrival.Nothing, backup.Receive(0, out _, out _, out _));

        Assert.Equal(new LinkCounters(Taken: 0, Lost: 0, Strangers: 2, Malformed: 4, Forged: 1, Replayed: 0), backup.Counters);
    }

    [Fact]
    public void The_link_listens_on_the_address_configured_and_on_no_other()
    {
        int port = Pair.UdpRelay.FreePort();
        var listen = new IPEndPoint(IPAddress.Parse("127.0.0.3"), port);
        using var link = new PeerLink(listen, new IPEndPoint(IPAddress.Loopback, Pair.UdpRelay.FreePort()), Key, BoxRole.Backup);
        Assert.Equal(listen, link.LocalEndPoint);
        // The same port on another address of this machine is not the link's: 0.0.0.0 would have taken it.
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public void The_link_binds_an_address_not_up_yet_as_a_box_started_with_its_cable_out_must()
    {
        // 192.0.2.0/24 is for documentation (RFC 5737): on no interface of any machine.
        var listen = new IPEndPoint(IPAddress.Parse("192.0.2.10"), Pair.UdpRelay.FreePort());
        using var link = new PeerLink(listen, new IPEndPoint(IPAddress.Parse("192.0.2.11"), 7471), Key, BoxRole.Primary);
        Assert.Equal(listen, link.LocalEndPoint);
    }

    private const int Patience = 2_000_000;
    private static readonly ShowIdentity Show = ShowIdentity.Of("x", "main");

    /// <summary>A well-formed packet of the genuine one's size, with its magic, whose seal does not hold.</summary>
    private static byte[] Forged(byte[] genuine)
    {
        byte[] forged = (byte[])genuine.Clone();
        forged[^1] ^= 0x55;
        return forged;
    }

    /// <summary>Two links over a <see cref="Pair.UdpRelay"/>, so a test can speak with either box's address.</summary>
    private sealed class Wire : IDisposable
    {
        private readonly int _primaryPort = Pair.UdpRelay.FreePort(), _backupPort = Pair.UdpRelay.FreePort();
        private readonly Pair.UdpRelay _relay;
        private readonly Socket _injector = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public Wire() => _relay = new Pair.UdpRelay(_primaryPort, _backupPort);

        public IPEndPoint BackupsPeer => new(IPAddress.Loopback, _relay.BackupSidePort);

        public PeerLink Primary() => new(new IPEndPoint(IPAddress.Loopback, _primaryPort), new IPEndPoint(IPAddress.Loopback, _relay.PrimarySidePort), Key, BoxRole.Primary);

        public PeerLink Backup() => new(new IPEndPoint(IPAddress.Loopback, _backupPort), BackupsPeer, Key, BoxRole.Backup);

        /// <summary>Puts <paramref name="datagram"/> on the wire as if the primary sent it: the backup hears it from its peer's address.</summary>
        public void AsPrimary(byte[] datagram) => _injector.SendTo(datagram, new IPEndPoint(IPAddress.Loopback, _relay.PrimarySidePort));

        public void Dispose()
        {
            _injector.Dispose();
            _relay.Dispose();
        }
    }
}
