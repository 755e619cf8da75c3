using System.Net;
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
    public void A_bad_key_is_refused_saying_why(string key, string why)
    {
        var error = Assert.Throws<FormatException>(() => LinkKey.FromHex(key));
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Two_links_pair_up_refuse_a_packet_played_back_and_keep_to_the_peer_run_that_talks()
    {
        int a = Pair.UdpRelay.FreePort(), b = Pair.UdpRelay.FreePort();
        var show = ShowIdentity.Of("x", "main");
        using var primary = new PeerLink(new IPEndPoint(IPAddress.Loopback, a), new IPEndPoint(IPAddress.Loopback, b), Key, BoxRole.Primary);
        using var backup = new PeerLink(new IPEndPoint(IPAddress.Loopback, b), new IPEndPoint(IPAddress.Loopback, a), Key, BoxRole.Backup);
        using var sniffer = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);

        // The first packets carry no echo of the other's nonce: learned from, not acted on.
        primary.Send(PacketKind.Beat, 0, show, [1, 2, 3]);
        Assert.False(backup.TryReceive(200_000, out _, out _, out _));
        backup.Send(PacketKind.Report, 0, show, [0, 0, 0, 0, 0]);
        Assert.True(primary.TryReceive(200_000, out PacketHeader fromBackup, out _, out _));
        Assert.Equal(BoxRole.Backup, fromBackup.SenderRole);
        primary.Send(PacketKind.Beat, 0, show, [4, 5, 6]);
        Assert.True(backup.TryReceive(200_000, out PacketHeader fromPrimary, out ReadOnlySpan<byte> payload, out _));
        Assert.Equal(new byte[] { 4, 5, 6 }, payload.ToArray());
        Assert.True(backup.Clock.HasEstimate || primary.Clock.HasEstimate);

        // A copy of a packet already taken: refused as a replay.
        byte[] copy = primary.LastSent.ToArray();
        sniffer.SendTo(copy, new IPEndPoint(IPAddress.Loopback, b));
        Assert.False(backup.TryReceive(200_000, out _, out _, out _));
        Assert.Equal(1, backup.Counters.Replayed);

        // A second backup run (a restart, or someone with the key's old packets) is not taken over the run that is talking.
        using var restarted = new PeerLink(new IPEndPoint(IPAddress.Loopback, Pair.UdpRelay.FreePort()), new IPEndPoint(IPAddress.Loopback, a), Key, BoxRole.Backup);
        restarted.Send(PacketKind.Report, 0, show, [0, 0, 0, 0, 0]);
        Assert.False(primary.TryReceive(200_000, out _, out _, out _));
        backup.Send(PacketKind.Report, 0, show, [0, 0, 0, 0, 0]);
        Assert.True(primary.TryReceive(200_000, out _, out _, out _));
    }
}
