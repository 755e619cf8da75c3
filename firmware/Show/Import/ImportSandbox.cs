using System.Runtime.InteropServices;
using StageBox.Hal.Native;

namespace StageBox.Show.Import;

/// <summary>
/// Locks the staging process in before it opens anything on the stick, so that a bug in a
/// decoder (libsndfile and the codecs behind it parse whatever the stick holds) cannot reach the
/// sound card, the GPIO lines, the network or the installed library:
/// no new privileges; Landlock, where the kernel has it, keeps reading to the stick and the
/// system's own files and writing to this import's staging area alone (no /dev but /dev/null
/// and /dev/urandom, so no sound card, GPIO chip, SPI bus or watchdog); a seccomp filter refuses
/// sockets other than AF_UNIX and the calls that reach the kernel or other processes
/// (<see cref="SeccompFilter"/>). The commit, which needs the library itself, stays with the
/// unsandboxed importer that started this process and checks what it staged.
/// </summary>
public static class ImportSandbox
{
    /// <summary>
    /// Applies the sandbox to this process for good. Returns what it could not do (a kernel
    /// without Landlock: the filter alone then), for the log; throws if even that fails.
    /// </summary>
    public static IReadOnlyList<string> Enter(string stick, string stagingArea)
    {
        var missing = new List<string>();
        NoNewPrivileges.Set();
        int version = Landlock.Version();
        if (version == 0)
            missing.Add("this kernel has no Landlock, so file access is not narrowed; the import runs with its system-call filter alone");
        else
            Restrict(version, stick, stagingArea);
        SeccompFilter.Install();
        return missing;
    }

    private static void Restrict(int version, string stick, string stagingArea)
    {
        using Landlock rules = Landlock.Create(version);
        // The stick, read only: what is imported.
        rules.Allow(stick, Landlock.ReadOnly);
        // The staging area, read and write: where the converted show is written and read back.
        rules.Allow(stagingArea, Landlock.ReadWrite);
        // The runtime: the program's folder and .NET's, whose assemblies load as they are first used.
        rules.Allow(AppContext.BaseDirectory, Landlock.ReadOnly);
        rules.Allow(RuntimeEnvironment.GetRuntimeDirectory(), Landlock.ReadOnly);
        // Libraries (libsndfile, libsoxr, ICU) and their data, the dynamic loader's configuration.
        foreach (string system in new[] { "/usr", "/lib", "/lib64", "/etc" }) rules.Allow(system, Landlock.ReadOnly);
        // The runtime reads its own limits and CPUs here (cgroups, /proc/self); nothing in them is writable this way.
        rules.Allow("/proc", Landlock.ReadOnly);
        rules.Allow("/sys", Landlock.ReadOnly);
        // The only devices: a sink and the random source.
        rules.Allow("/dev/null", Landlock.ReadWriteFile);
        rules.Allow("/dev/urandom", Landlock.ReadOnlyFile);
        rules.RestrictThisThread();
    }
}
