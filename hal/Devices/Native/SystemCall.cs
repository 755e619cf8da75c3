using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// syscall(2) for the kernel calls glibc does not wrap (seccomp, Landlock), and prctl(2). Their
/// numbers are per architecture; the box runs on x86-64 (the PC, QEMU) and arm64 (the Pi).
/// </summary>
internal static partial class SystemCall
{
    private const string Library = "libc.so.6";

    public static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public const int SetNoNewPrivileges = 38; // PR_SET_NO_NEW_PRIVS
    public const int SetParentDeathSignal = 1; // PR_SET_PDEATHSIG

    /// <returns>The call's result, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Call(long number, nint first, nint second, nint third, nint fourth);

    /// <returns>0 (or a request-specific value), or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    public static partial int ProcessControl(int option, nuint second, nuint third, nuint fourth, nuint fifth);

    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
