using System.Net;
using System.Net.Sockets;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>A stranger on the network aiming packets at a box: garbage, well-formed packets sealed with another key, and recordings of the real ones played back.</summary>
internal sealed class LinkAttacker(int port)
{
    private readonly IPEndPoint _target = new(IPAddress.Loopback, port);
    private readonly Random _random = new(99);

    public int SendGarbage(int count)
    {
        var packets = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var packet = new byte[_random.Next(1, 400)];
            _random.NextBytes(packet);
            packets.Add(packet);
        }
        return Send(packets);
    }

    /// <summary>Beats that declare the live box's device gone and commands to stop, as a forger without the key would make them.</summary>
    public int SendSealedWithWrongKey(int count)
    {
        var seal = new PacketSeal(LinkKey.FromHex(BoxPair.NewKey()));
        var packets = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var packet = new byte[PacketCodec.HeaderBytes + PacketCodec.MaxPayloadBytes + PacketSeal.TagBytes];
            bool beat = i % 2 == 0;
            var header = new PacketHeader(beat ? PacketKind.Beat : PacketKind.Command, BoxRole.Primary, 50, (ulong)_random.NextInt64(), 0, (ulong)i + 1, 1, 0, 0, default);
            int length = PacketCodec.WriteHeader(packet, header);
            length += beat
                ? PacketCodec.Write(packet.AsSpan(length), new BeatPayload(TransportState.Playing, 0, 1, 0, 1, 1, BeatFlags.DeviceLost, 0, false, 0))
                : PacketCodec.Write(packet.AsSpan(length), new CommandPayload(i + 1, TransportCommand.Stop));
            packets.Add(packet[..seal.Seal(packet, length)]);
        }
        return Send(packets);
    }

    public int Replay(IReadOnlyList<byte[]> recorded) => Send(recorded);

    /// <summary>Sends in bursts the box's socket buffer holds, so each packet reaches it.</summary>
    private int Send(IReadOnlyList<byte[]> recorded)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var pause = new ManualResetEventSlim();
        for (int i = 0; i < recorded.Count; i++)
        {
            socket.SendTo(recorded[i], _target);
            if (i % 32 == 31) pause.Wait(TimeSpan.FromMilliseconds(2));
        }
        return recorded.Count;
    }
}
