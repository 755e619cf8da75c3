using System.Buffers.Binary;
using StageBox.Engine.Transport;

namespace StageBox.Redundancy.Link;

/// <summary>Which box of the pair a packet comes from, as configured (not which is live).</summary>
public enum BoxRole : byte
{
    Primary = 1,
    Backup = 2,
}

/// <summary>
/// What every packet carries before its payload. <see cref="SenderNonce"/> is the sender's random
/// number for this run and <see cref="EchoNonce"/> the receiver's as the sender last heard it:
/// a packet is acted on only when it echoes the receiver's current nonce and its
/// <see cref="Sequence"/> is new, so nothing recorded in an earlier run or earlier in this one
/// can be played back. <see cref="EchoSentAt"/> and <see cref="EchoHeld"/> return the send time of
/// the receiver's last packet and how long the sender held it, for the link delay and clock offset.
/// <see cref="Term"/> counts takeovers: of two live boxes, the higher term stays live.
/// </summary>
public readonly record struct PacketHeader(
    PacketKind Kind, BoxRole SenderRole, int Term, ulong SenderNonce, ulong EchoNonce, ulong Sequence,
    long SentAt, long EchoSentAt, long EchoHeld, ShowIdentity Show);

[Flags]
public enum BeatFlags : byte
{
    None = 0,
    /// <summary>The live box's audio device is gone: take over now.</summary>
    DeviceLost = 1,
    /// <summary>The live box's device keeps running dry: take over now.</summary>
    XrunStorm = 2,
    /// <summary>The live box hands the show back to the standby (the transport is stopped).</summary>
    HandBack = 4,
}

/// <summary>A live box's beat: the song frame its speaker plays at <see cref="HeardAt"/> (its clock), its transport, and its own faults.</summary>
public readonly record struct BeatPayload(
    TransportState State, int SongIndex, int NextSongIndex, double HeardSongFrame, long HeardAt, long Periods,
    BeatFlags Flags, short ClickTrimTenths, bool ClickMuted, int CommandsSent);

/// <summary>A standby box's report: whether it follows (armed) and its offset from the live box in frames.</summary>
public readonly record struct ReportPayload(bool Following, float OffsetFrames);

/// <summary>A transport command from the live box, numbered so a repeat is applied once.</summary>
public readonly record struct CommandPayload(int Number, TransportCommand Command);

/// <summary>The byte layout of the link's packets (little-endian), without the seal.</summary>
public static class PacketCodec
{
    public const int HeaderBytes = 92;
    public const int MaxPayloadBytes = 48;
    /// <summary>The shortest payload of any kind (a report's).</summary>
    public const int MinPayloadBytes = ReportBytes;
    private const int BeatBytes = 41, ReportBytes = 5, CommandBytes = 18;
    private static ReadOnlySpan<byte> Magic => "SBXR"u8;
    private const byte Version = 1;

    /// <summary>True when <paramref name="packet"/> starts with this version's magic: a check that costs nothing, made before any cryptography.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> packet) => packet.Length > Magic.Length && packet.StartsWith(Magic) && packet[Magic.Length] == Version;

    public static int WriteHeader(Span<byte> packet, in PacketHeader header)
    {
        Magic.CopyTo(packet);
        packet[4] = Version;
        packet[5] = (byte)header.Kind;
        packet[6] = (byte)header.SenderRole;
        packet[7] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(packet[8..], header.Term);
        BinaryPrimitives.WriteUInt64LittleEndian(packet[12..], header.SenderNonce);
        BinaryPrimitives.WriteUInt64LittleEndian(packet[20..], header.EchoNonce);
        BinaryPrimitives.WriteUInt64LittleEndian(packet[28..], header.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(packet[36..], header.SentAt);
        BinaryPrimitives.WriteInt64LittleEndian(packet[44..], header.EchoSentAt);
        BinaryPrimitives.WriteInt64LittleEndian(packet[52..], header.EchoHeld);
        header.Show.Write(packet[60..]);
        return HeaderBytes;
    }

    /// <summary>False when the bytes are not a packet of this version (too short, wrong magic, unknown kind or role).</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> packet, out PacketHeader header)
    {
        header = default;
        if (packet.Length < HeaderBytes || !HasMagic(packet)) return false;
        var kind = (PacketKind)packet[5];
        var role = (BoxRole)packet[6];
        if (!Enum.IsDefined(kind) || !Enum.IsDefined(role)) return false;
        header = new PacketHeader(kind, role,
            BinaryPrimitives.ReadInt32LittleEndian(packet[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(packet[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(packet[20..]),
            BinaryPrimitives.ReadUInt64LittleEndian(packet[28..]),
            BinaryPrimitives.ReadInt64LittleEndian(packet[36..]),
            BinaryPrimitives.ReadInt64LittleEndian(packet[44..]),
            BinaryPrimitives.ReadInt64LittleEndian(packet[52..]),
            ShowIdentity.Read(packet[60..]));
        return true;
    }

    public static int Write(Span<byte> payload, in BeatPayload beat)
    {
        payload[0] = (byte)beat.State;
        BinaryPrimitives.WriteInt32LittleEndian(payload[1..], beat.SongIndex);
        BinaryPrimitives.WriteInt32LittleEndian(payload[5..], beat.NextSongIndex);
        BinaryPrimitives.WriteDoubleLittleEndian(payload[9..], beat.HeardSongFrame);
        BinaryPrimitives.WriteInt64LittleEndian(payload[17..], beat.HeardAt);
        BinaryPrimitives.WriteInt64LittleEndian(payload[25..], beat.Periods);
        payload[33] = (byte)beat.Flags;
        BinaryPrimitives.WriteInt16LittleEndian(payload[34..], beat.ClickTrimTenths);
        payload[36] = beat.ClickMuted ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(payload[37..], beat.CommandsSent);
        return BeatBytes;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out BeatPayload beat)
    {
        beat = default;
        if (payload.Length < BeatBytes || !Enum.IsDefined((TransportState)payload[0])) return false;
        beat = new BeatPayload((TransportState)payload[0],
            BinaryPrimitives.ReadInt32LittleEndian(payload[1..]),
            BinaryPrimitives.ReadInt32LittleEndian(payload[5..]),
            BinaryPrimitives.ReadDoubleLittleEndian(payload[9..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[17..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[25..]),
            (BeatFlags)payload[33],
            BinaryPrimitives.ReadInt16LittleEndian(payload[34..]),
            payload[36] != 0,
            BinaryPrimitives.ReadInt32LittleEndian(payload[37..]));
        return true;
    }

    public static int Write(Span<byte> payload, in ReportPayload report)
    {
        payload[0] = report.Following ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteSingleLittleEndian(payload[1..], report.OffsetFrames);
        return ReportBytes;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out ReportPayload report)
    {
        report = default;
        if (payload.Length < ReportBytes) return false;
        report = new ReportPayload(payload[0] != 0, BinaryPrimitives.ReadSingleLittleEndian(payload[1..]));
        return true;
    }

    public static int Write(Span<byte> payload, in CommandPayload command)
    {
        BinaryPrimitives.WriteInt32LittleEndian(payload, command.Number);
        payload[4] = (byte)command.Command.Kind;
        BinaryPrimitives.WriteInt32LittleEndian(payload[5..], command.Command.Argument);
        payload[9] = (byte)command.Command.Quantize;
        BinaryPrimitives.WriteInt64LittleEndian(payload[10..], command.Command.Frame);
        return CommandBytes;
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out CommandPayload command)
    {
        command = default;
        if (payload.Length < CommandBytes || !Enum.IsDefined((CommandKind)payload[4]) || !Enum.IsDefined((Quantize)payload[9])) return false;
        command = new CommandPayload(BinaryPrimitives.ReadInt32LittleEndian(payload),
            new TransportCommand((CommandKind)payload[4], BinaryPrimitives.ReadInt32LittleEndian(payload[5..]), (Quantize)payload[9], Frame: BinaryPrimitives.ReadInt64LittleEndian(payload[10..])));
        return true;
    }
}
