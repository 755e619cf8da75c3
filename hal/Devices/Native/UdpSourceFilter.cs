using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// A classic BPF socket filter (SO_ATTACH_FILTER) that lets a UDP socket receive datagrams from
/// one IPv4 address and port only. The kernel drops the rest before they are queued, so a flood
/// from anywhere else neither takes the socket's buffer from the datagrams that matter nor costs
/// its reader a system call. Each datagram dropped counts in the socket's drops (<see cref="Drops"/>).
/// </summary>
public static unsafe class UdpSourceFilter
{
    private const int SolSocket = 1, SoAttachFilter = 26, SoMemInfo = 55;
    /// <summary>SK_MEMINFO_DROPS: the socket's drop count in SO_MEMINFO's array of nine u32.</summary>
    private const int MemInfoDrops = 8, MemInfoVariables = 9;
    /// <summary>SKF_NET_OFF: an absolute load from the network (IP) header rather than from the UDP header, where a socket filter starts.</summary>
    private const int FromNetworkHeader = -0x100000;
    private const int Ipv4SourceAddressOffset = 12;
    private const ushort LoadWord = 0x20, LoadHalfWord = 0x28, JumpIfEqual = 0x15, Return = 0x06;

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFilter
    {
        public ushort Code;
        public byte JumpTrue;
        public byte JumpFalse;
        public uint K;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }

    /// <summary>Attaches the filter for <paramref name="source"/>; false (nothing attached) for an IPv6 source, left to the reader to check.</summary>
    public static bool Attach(Socket socket, IPEndPoint source)
    {
        if (source.AddressFamily != AddressFamily.InterNetwork) return false;
        uint address = BinaryPrimitives.ReadUInt32BigEndian(source.Address.GetAddressBytes());
        const byte ToDrop = 3, ToDropFromPort = 1;
        SockFilter* program = stackalloc SockFilter[]
        {
            new() { Code = LoadWord, K = unchecked((uint)(FromNetworkHeader + Ipv4SourceAddressOffset)) },
            new() { Code = JumpIfEqual, JumpFalse = ToDrop, K = address },
            new() { Code = LoadHalfWord, K = 0 }, // the UDP header's source port
            new() { Code = JumpIfEqual, JumpFalse = ToDropFromPort, K = (uint)source.Port },
            new() { Code = Return, K = uint.MaxValue }, // keep the whole datagram
            new() { Code = Return, K = 0 }, // drop it
        };
        var fprog = new SockFprog { Length = 6, Filter = program };
        socket.SetRawSocketOption(SolSocket, SoAttachFilter, new ReadOnlySpan<byte>(&fprog, sizeof(SockFprog)));
        return true;
    }

    /// <summary>The datagrams the kernel has dropped for this socket: the filter's, and any the full buffer refused. Allocates nothing.</summary>
    public static long Drops(Socket socket)
    {
        Span<byte> memInfo = stackalloc byte[MemInfoVariables * sizeof(uint)];
        return socket.GetRawSocketOption(SolSocket, SoMemInfo, memInfo) < memInfo.Length
            ? 0
            : BinaryPrimitives.ReadUInt32LittleEndian(memInfo[(MemInfoDrops * sizeof(uint))..]);
    }
}
