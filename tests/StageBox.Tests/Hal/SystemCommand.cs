using System.Diagnostics;

namespace StageBox.Tests.Hal;

/// <summary>Runs a system tool the tests need (mount, umount, mkfifo, truncate) and fails loudly with what it said.</summary>
internal static class SystemCommand
{
    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {errors}");
    }
}
