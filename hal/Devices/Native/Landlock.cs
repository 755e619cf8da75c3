using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// Landlock (Linux 5.13+): an unprivileged process gives up file access for good, keeping only
/// the folders it names, each with the rights it names. Files already open stay usable, so a
/// process restricts itself after opening what it must and before reading what it does not trust.
/// The rights a kernel knows grow with its Landlock ABI version; rights it does not know are left
/// out of the ruleset rather than making it fail.
/// </summary>
public sealed class Landlock : IDisposable
{
    private const long CreateRuleset = 444, AddRule = 445, RestrictSelf = 446; // the same on x86-64 and arm64
    private const uint CreateRulesetVersion = 1; // LANDLOCK_CREATE_RULESET_VERSION
    private const int RulePathBeneath = 1; // LANDLOCK_RULE_PATH_BENEATH
    private const int OpenPath = 0x200000; // O_PATH

    private const ulong Execute = 1, WriteFile = 2, ReadFile = 4, ReadDirectory = 8, RemoveDirectory = 16, RemoveFile = 32,
        MakeCharacter = 64, MakeDirectory = 128, MakeRegular = 256, MakeSocket = 512, MakeFifo = 1024, MakeBlock = 2048,
        MakeSymbolicLink = 4096, Refer = 8192, Truncate = 16384, IoctlDevice = 32768;

    /// <summary>Reading files and listing folders (and executing, for the runtime's own libraries).</summary>
    public const ulong ReadOnly = Execute | ReadFile | ReadDirectory;

    /// <summary>A file read only (for /dev/urandom).</summary>
    public const ulong ReadOnlyFile = ReadFile;

    /// <summary>A file read and written (for /dev/null).</summary>
    public const ulong ReadWriteFile = ReadFile | WriteFile;

    /// <summary>Everything on plain files and folders beneath: write, create, remove, rename within. No devices, FIFOs, sockets or links.</summary>
    public const ulong ReadWrite = ReadOnly | WriteFile | RemoveDirectory | RemoveFile | MakeDirectory | MakeRegular | Refer | Truncate;

    private readonly int _ruleset;
    private readonly ulong _handled;

    private Landlock(int ruleset, ulong handled)
    {
        _ruleset = ruleset;
        _handled = handled;
    }

    /// <summary>struct landlock_ruleset_attr; the kernel takes the part its ABI knows (8 bytes before ABI 4, 24 from ABI 6).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RulesetAttributes
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet;
        public ulong Scoped;
    }

    private const ulong ScopeAbstractUnixSocket = 1, ScopeSignal = 2; // LANDLOCK_SCOPE_*

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct PathBeneathAttributes
    {
        public ulong AllowedAccess;
        public int ParentDescriptor;
    }

    /// <summary>The kernel's Landlock ABI version; 0 when it has no Landlock (too old, or not enabled at boot).</summary>
    public static int Version()
    {
        long version = SystemCall.Call(CreateRuleset, 0, 0, (nint)CreateRulesetVersion, 0);
        return version > 0 ? (int)version : 0;
    }

    /// <summary>A ruleset that handles every file access the kernel's ABI knows: whatever no rule allows is refused once restricted.</summary>
    public static unsafe Landlock Create(int version)
    {
        ulong handled = Execute | WriteFile | ReadFile | ReadDirectory | RemoveDirectory | RemoveFile | MakeCharacter | MakeDirectory
            | MakeRegular | MakeSocket | MakeFifo | MakeBlock | MakeSymbolicLink;
        if (version >= 2) handled |= Refer;
        if (version >= 3) handled |= Truncate;
        if (version >= 5) handled |= IoctlDevice;
        // From ABI 6 the sandbox can neither signal nor reach the abstract Unix sockets of processes outside it (the playing box among them).
        var attributes = new RulesetAttributes { HandledAccessFs = handled, Scoped = version >= 6 ? ScopeAbstractUnixSocket | ScopeSignal : 0 };
        int size = version >= 6 ? sizeof(RulesetAttributes) : sizeof(ulong);
        long ruleset = SystemCall.Call(CreateRuleset, (nint)(&attributes), size, 0, 0);
        if (ruleset < 0) throw new InvalidOperationException($"landlock_create_ruleset failed: {SystemCall.LastError()}");
        return new Landlock((int)ruleset, handled);
    }

    /// <summary>Allows <paramref name="access"/> beneath <paramref name="path"/> (a folder, or for file rights a file). A path that does not exist is skipped (false).</summary>
    public unsafe bool Allow(string path, ulong access)
    {
        int descriptor = Libc.Open(path, OpenPath | OpenFlags.CloseOnExec);
        if (descriptor < 0) return false;
        try
        {
            var rule = new PathBeneathAttributes { AllowedAccess = access & _handled, ParentDescriptor = descriptor };
            if (SystemCall.Call(AddRule, _ruleset, RulePathBeneath, (nint)(&rule), 0) != 0)
                throw new InvalidOperationException($"landlock_add_rule for {path} failed: {SystemCall.LastError()}");
            return true;
        }
        finally
        {
            Libc.Close(descriptor);
        }
    }

    /// <summary>Restricts this thread (see below) for good. Requires <see cref="NoNewPrivileges"/>.</summary>
    /// <remarks>
    /// landlock_restrict_self applies to the calling thread only (ABI 8 adds a flag for every
    /// thread); threads started afterwards inherit it, those already running do not. The
    /// importer's own threads that read the stick are all started after this call: its work
    /// runs on the main thread, and the runtime's threads that exist already (GC, finalizer,
    /// tiered JIT, signal handling) open no files of the stick's naming.
    /// </remarks>
    public void RestrictThisThread()
    {
        if (SystemCall.Call(RestrictSelf, _ruleset, 0, 0, 0) != 0)
            throw new InvalidOperationException($"landlock_restrict_self failed: {SystemCall.LastError()}");
    }

    public void Dispose() => Libc.Close(_ruleset);
}
