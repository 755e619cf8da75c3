using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// open(2) flags whose values differ between the box's two architectures (arm64 took the
/// generic values, x86-64 kept the i386 ones); the rest are the same everywhere.
/// </summary>
internal static class OpenFlags
{
    public const int WriteOnly = 0x1; // O_WRONLY
    public const int Create = 0x40; // O_CREAT
    public const int Exclusive = 0x80; // O_EXCL
    public const int CloseOnExec = 0x80000; // O_CLOEXEC

    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public static int Directory => Arm64 ? 0x4000 : 0x10000; // O_DIRECTORY
    public static int NoFollow => Arm64 ? 0x8000 : 0x20000; // O_NOFOLLOW
}
