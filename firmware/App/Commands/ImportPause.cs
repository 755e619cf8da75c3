using System.Runtime.InteropServices;

namespace StageBox.App.Commands;

/// <summary>
/// Fault injection for the import's kill tests: with STAGEBOX_IMPORT_PAUSE_AT=STEP in the
/// environment, the importer stops itself (SIGSTOP) on reaching STEP, so a test can kill -9 it
/// exactly there, mid-commit included. Without the variable it does nothing.
/// </summary>
internal static partial class ImportPause
{
    public const string Variable = "STAGEBOX_IMPORT_PAUSE_AT";
    private const int StopSignal = 19; // SIGSTOP on x86-64 and arm64

    public static Action<string>? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } pauseAt
            ? step => { if (step == pauseAt) Raise(StopSignal); }
            : null;

    [LibraryImport("libc.so.6", EntryPoint = "raise")]
    private static partial int Raise(int signal);
}
