using System.Diagnostics;
using StageBox.Show.Library;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Show.Import;

/// <summary>
/// The importer's sandbox, in real processes: the staging child of a real `stagebox import` runs
/// with its seccomp filter and no new privileges, and the import still installs the show; and a
/// process that enters the same sandbox (tests/StageBox.SandboxProbe) is refused what a decoder
/// bug might try: files outside the stick and its staging area, devices, network sockets, signals to other processes.
/// </summary>
public sealed class ImportSandboxTests : IDisposable
{
    private readonly TempDirectory _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void The_staging_child_of_a_real_import_is_filtered_without_new_privileges_and_the_show_is_installed()
    {
        var library = new ShowLibrary(_box.File("library"));
        using TempShowFolder stick = ImportSticks.TwoSongs();
        using var importer = ImporterProcess.Start(stick.Root, library.Layout.Root, pauseAt: "converted");

        Assert.True(importer.WaitUntilStopped(TimeSpan.FromMinutes(2)), "the import ended before it converted");
        int child = Assert.Single(importer.Children());
        string[] status = File.ReadAllLines($"/proc/{child}/status");
        importer.Resume();
        (int exitCode, string printed) = importer.WaitForExit();

        Assert.Contains("Seccomp:\t2", status);
        Assert.Contains("NoNewPrivs:\t1", status);
        Assert.True(exitCode == 0, printed);
        Assert.Equal("g000001", library.Pointer?.Current);
        Assert.Empty(library.Verify("g000001"));
    }

    [Fact]
    public void A_process_in_the_sandbox_is_refused_files_outside_devices_and_the_network()
    {
        using TempShowFolder stick = ImportSticks.TwoSongs();
        string area = _box.File("library/staging/probe");
        Directory.CreateDirectory(area);
        string outside = _box.File("library/CURRENT");
        File.WriteAllText(outside, "current g000001\n");

        Dictionary<string, string> tried = Probe(stick.PathOf(ImportSticks.Show), area, outside);

        Assert.Equal("allowed", tried["read the stick"]);
        Assert.Equal("allowed", tried["write in the staging area"]);
        Assert.Equal("allowed", tried["write /dev/null"]);
        Assert.Equal("allowed", tried["AF_UNIX socket"]);
        Assert.Equal("allowed", tried["signal itself"]);
        foreach (string refused in new[] { "read outside", "write outside", "create beside the staging area", "open /dev/zero", "AF_INET socket", "AF_INET6 socket", "AF_PACKET socket", "signal the parent" })
            Assert.StartsWith("refused", tried[refused]);
        Assert.Equal("current g000001\n", File.ReadAllText(outside));
        Assert.False(File.Exists(_box.File("library/staging/planted")));
    }

    /// <summary>Runs the probe; what it printed, by what it tried.</summary>
    private static Dictionary<string, string> Probe(string stick, string area, string outside)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The test host stands in for the playing box: a process of the same user that the sandbox must not signal (signal 0 only asks whether it could).
        start.Environment["PROBE_PARENT"] = $"{Environment.ProcessId}";
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "StageBox.SandboxProbe.dll"), stick, area, outside })
            start.ArgumentList.Add(argument);
        using Process probe = Process.Start(start)!;
        Task<string> errors = probe.StandardError.ReadToEndAsync();
        string output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        Assert.True(probe.ExitCode == 0, output + errors.Result);
        Assert.DoesNotContain("sandbox:", output);
        var tried = new Dictionary<string, string>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int verdict = Math.Max(line.IndexOf(" allowed", StringComparison.Ordinal), line.IndexOf(" refused", StringComparison.Ordinal));
            if (verdict > 0) tried[line[..verdict]] = line[(verdict + 1)..];
        }
        return tried;
    }
}
