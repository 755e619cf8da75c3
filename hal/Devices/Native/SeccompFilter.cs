using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// A seccomp BPF filter for a process that parses untrusted files (the importer): the system
/// calls a decoder bug could use to reach beyond its files fail with EPERM, on every thread
/// (SECCOMP_FILTER_FLAG_TSYNC: .NET has started several threads before this runs). Everything
/// else is allowed: the runtime's needs change between .NET versions, and a list of what is
/// refused keeps the importer running where a list of what is allowed would break it.
/// </summary>
public static unsafe class SeccompFilter
{
    private const uint AuditArchX8664 = 0xC000003E, AuditArchAarch64 = 0xC00000B7;
    private const uint X32SystemCallBit = 0x40000000;
    private const uint ReturnAllow = 0x7FFF0000, ReturnKillProcess = 0x80000000, ReturnErrno = 0x00050000;
    private const uint NotPermitted = 1; // EPERM
    private const uint AddressFamilyUnix = 1; // AF_UNIX
    private const int SetModeFilter = 1; // SECCOMP_SET_MODE_FILTER
    private const int FlagSynchronizeThreads = 1; // SECCOMP_FILTER_FLAG_TSYNC

    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
    private const uint NumberOffset = 0, ArchOffset = 4, FirstArgumentOffset = 16;

    // BPF opcodes: BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JGE|BPF_K, BPF_RET|BPF_K.
    private const ushort Load = 0x20, JumpIfEqual = 0x15, JumpIfAtLeast = 0x35, Return = 0x06;

    [StructLayout(LayoutKind.Sequential)]
    private struct Instruction(ushort code, byte jumpTrue, byte jumpFalse, uint value)
    {
        public ushort Code = code;
        public byte JumpTrue = jumpTrue;
        public byte JumpFalse = jumpFalse;
        public uint Value = value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Program
    {
        public ushort Length;
        public Instruction* Filter;
    }

    /// <summary>
    /// What is refused, and why, as (x86-64 number, arm64 number); -1 where an architecture lacks the call.
    /// </summary>
    private static readonly (string Name, int X8664, int Arm64)[] Refused =
    [
        // Reading or steering another process (the playing box runs as the same user).
        ("ptrace", 101, 117), ("process_vm_readv", 310, 270), ("process_vm_writev", 311, 271),
        // Changing what the file system looks like, or escaping Landlock's view of it.
        ("mount", 165, 40), ("umount2", 166, 39), ("pivot_root", 155, 41), ("chroot", 161, 51),
        ("open_tree", 428, 428), ("move_mount", 429, 429), ("fsopen", 430, 430), ("fsconfig", 431, 431),
        ("fsmount", 432, 432), ("fspick", 433, 433), ("mount_setattr", 442, 442),
        ("open_by_handle_at", 304, 265), ("name_to_handle_at", 303, 264), ("mknodat", 259, 33), ("mknod", 133, -1),
        // New namespaces: a way around the filter's and Landlock's assumptions, and a large kernel surface.
        ("unshare", 272, 97), ("setns", 308, 268),
        // The kernel itself: modules, a new kernel, BPF programs, perf counters, keys, swap, reboot.
        ("kexec_load", 246, 104), ("kexec_file_load", 320, 294), ("init_module", 175, 105), ("finit_module", 313, 273),
        ("delete_module", 176, 106), ("bpf", 321, 280), ("perf_event_open", 298, 241), ("userfaultfd", 323, 282),
        ("keyctl", 250, 219), ("add_key", 248, 217), ("request_key", 249, 218), ("reboot", 169, 142),
        ("swapon", 167, 224), ("swapoff", 168, 225), ("acct", 163, 89), ("quotactl", 179, 60),
        // io_uring performs operations (sockets, opens) that this filter never sees.
        ("io_uring_setup", 425, 425), ("io_uring_enter", 426, 426), ("io_uring_register", 427, 427),
        // The box's clock and name, which the playing process and the pair link rely on.
        ("settimeofday", 164, 170), ("clock_settime", 227, 112), ("adjtimex", 159, 171), ("clock_adjtime", 305, 266),
        ("sethostname", 170, 161), ("setdomainname", 171, 162),
        // Raw port I/O (x86 only) and a changed execution domain.
        ("iopl", 172, -1), ("ioperm", 173, -1), ("personality", 135, 92),
        // Signals by thread id or pidfd, whose target the filter cannot check; and another process's descriptors.
        ("tkill", 200, 130), ("pidfd_send_signal", 424, 424), ("pidfd_getfd", 438, 438),
    ];

    /// <summary>
    /// Signals go to this process only: the playing box runs as the same user, and one SIGKILL
    /// from a compromised decoder would stop the show. (Landlock scopes signals too, but only from
    /// ABI 6, Linux 6.12; the box's Debian kernel has ABI 2.) The runtime signals its own threads
    /// with tgkill, whose first argument is this process's id, as is every call's here.
    /// </summary>
    private static readonly (string Name, int X8664, int Arm64)[] OwnProcessOnly =
    [
        ("kill", 62, 129), ("tgkill", 234, 131), ("rt_sigqueueinfo", 129, 138), ("rt_tgsigqueueinfo", 297, 240),
    ];

    /// <summary>socket(2): only AF_UNIX is let through (.NET's runtime uses Unix sockets for its own diagnostics).
    /// No network at all: no AF_INET/AF_INET6 to reach the stage network or the pair link, no AF_PACKET, no AF_NETLINK.</summary>
    private static readonly (int X8664, int Arm64) Socket = (41, 198);

    /// <summary>Installs the filter on every thread of this process; it cannot be removed, and children inherit it. Requires <see cref="NoNewPrivileges"/>.</summary>
    public static void Install()
    {
        Instruction[] filter = Build();
        fixed (Instruction* instructions = filter)
        {
            var program = new Program { Length = (ushort)filter.Length, Filter = instructions };
            long seccomp = SystemCall.Arm64 ? 277 : 317;
            if (SystemCall.Call(seccomp, SetModeFilter, FlagSynchronizeThreads, (nint)(&program), 0) != 0)
                throw new InvalidOperationException($"seccomp(SECCOMP_SET_MODE_FILTER) failed: {SystemCall.LastError()}");
        }
    }


    private static int Number((string Name, int X8664, int Arm64) call) => SystemCall.Arm64 ? call.Arm64 : call.X8664;

    private static Instruction[] Build()
    {
        uint[] refused = Refused.Select(Number).Where(n => n >= 0).Select(n => (uint)n).ToArray();
        uint[] ownOnly = OwnProcessOnly.Select(Number).Select(n => (uint)n).ToArray();
        bool x32 = !SystemCall.Arm64;
        // Laid out as: the architecture check, the number, [the x32 check], one comparison per refused
        // call, one per signal call, the socket check (3 instructions), the own-process check (2),
        // then the EPERM return and the allow return.
        int ownCheck = 4 + (x32 ? 1 : 0) + refused.Length + ownOnly.Length + 3, deny = ownCheck + 2, allow = deny + 1;
        var program = new List<Instruction>
        {
            // A filter for the wrong architecture would compare the wrong numbers: kill instead.
            new(Load, 0, 0, ArchOffset),
            new(JumpIfEqual, 1, 0, SystemCall.Arm64 ? AuditArchAarch64 : AuditArchX8664),
            new(Return, 0, 0, ReturnKillProcess),
            new(Load, 0, 0, NumberOffset),
        };
        // x32 calls on x86-64 carry this bit and numbers of their own: none is needed, so none gets past.
        if (x32) program.Add(new(JumpIfAtLeast, Offset(program.Count, deny), 0, X32SystemCallBit));
        foreach (uint number in refused) program.Add(new(JumpIfEqual, Offset(program.Count, deny), 0, number));
        foreach (uint number in ownOnly) program.Add(new(JumpIfEqual, Offset(program.Count, ownCheck), 0, number));
        program.Add(new(JumpIfEqual, 0, Offset(program.Count, allow), (uint)(SystemCall.Arm64 ? Socket.Arm64 : Socket.X8664)));
        program.Add(new(Load, 0, 0, FirstArgumentOffset));
        program.Add(new(JumpIfEqual, Offset(program.Count, allow), Offset(program.Count, deny), AddressFamilyUnix));
        program.Add(new(Load, 0, 0, FirstArgumentOffset));
        program.Add(new(JumpIfEqual, Offset(program.Count, allow), 0, (uint)Environment.ProcessId));
        program.Add(new(Return, 0, 0, ReturnErrno | NotPermitted));
        program.Add(new(Return, 0, 0, ReturnAllow));
        return program.Count == allow + 1 ? [.. program] : throw new InvalidOperationException("the seccomp filter's layout is wrong");
    }

    /// <summary>A BPF jump counts the instructions it skips after the next one.</summary>
    private static byte Offset(int from, int to) => checked((byte)(to - from - 1));
}
