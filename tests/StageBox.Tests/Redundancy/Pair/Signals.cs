using System.Runtime.InteropServices;

namespace StageBox.Tests.Redundancy.Pair;

/// <summary>Linux signal numbers a fault test sends, and kill(2).</summary>
internal static partial class Signals
{
    public const int User1 = 10, Kill = 9, Terminate = 15, Continue = 18, Stop = 19;

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    public static partial int Send(int pid, int signal);
}
