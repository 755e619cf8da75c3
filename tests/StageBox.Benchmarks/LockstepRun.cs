using StageBox.Hal;
using System.Diagnostics;
using StageBox.Hal.Native;
using StageBox.Tests.Redundancy.Pair;

namespace StageBox.Benchmarks;

/// <summary>
/// <c>make bench ARGS=lockstep</c>: two real boxes (build/stagebox run --sim) as a redundant pair
/// for ten minutes, their simulated crystals 100 ppm apart (+50 and -50), the backup feeding a
/// switcher so its output is recorded. Every 5 s the offset between the two speakers is measured
/// from the recordings themselves (the noise stem located in each), not from what the firmware believes.
/// </summary>
internal static class LockstepRun
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static void Run(TimeSpan length)
    {
        string stagebox = BuiltBox.Program;
        string root = Directory.CreateTempSubdirectory("stagebox-lockstep-bench-").FullName;
        string wire = "bench" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var show = new NoiseShow(Path.Join(root, "show"), bars: (int)(length.TotalSeconds / 2) + 30);
            string key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            int primaryPort = 47471, backupPort = 47472;
            WriteConfiguration(root, "primary", primaryPort, backupPort, key, wire);
            WriteConfiguration(root, "backup", backupPort, primaryPort, key, wire);
            using Process primary = Start(stagebox, root, show, "primary", +50, "--play");
            WaitFor(Path.Join(root, "primary.log"), "live (term 0)");
            using Process backup = Start(stagebox, root, show, "backup", -50);
            WaitFor(Path.Join(root, "backup.log"), "following: put in step");
            long start = MonotonicClock.NowNanoseconds();
            Console.WriteLine($"## Lockstep: a redundant pair {length.TotalMinutes:0} min, crystals +50 and -50 ppm");
            using (var wait = new ManualResetEventSlim()) wait.Wait(length + TimeSpan.FromSeconds(2));
            foreach (Process box in new[] { backup, primary }) Stop(box);

            var p = new Recording(Path.Join(root, "primary.wav"));
            var b = new Recording(Path.Join(root, "backup.wav"));
            var offsets = new List<double>();
            for (TimeSpan at = SampleEvery; at <= length; at += SampleEvery)
            {
                offsets.Add(SwitcherView.OffsetMs(show, p, b, start + (long)(at.TotalMilliseconds * 1e6)));
                Console.Write($"{at.TotalSeconds:0}s:{offsets[^1]:+0.000;-0.000} ");
            }
            Console.WriteLine();
            double[] magnitudes = offsets.Select(Math.Abs).Order().ToArray();
            Console.WriteLine();
            Console.WriteLine("| samples | median offset | p90 | worst | samples over 0.5 ms |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine($"| {offsets.Count} (every {SampleEvery.TotalSeconds:0} s) | {magnitudes[magnitudes.Length / 2]:0.000} ms | {magnitudes[magnitudes.Length * 9 / 10]:0.000} ms | {magnitudes[^1]:0.000} ms | {magnitudes.Count(m => m > 0.5)} |");
            Console.WriteLine();
            Console.WriteLine("The backup's own account (its log, every 10 s):");
            foreach (string line in File.ReadLines(Path.Join(root, "backup.log")).Where(l => l.StartsWith("redundancy: lockstep") || l.StartsWith("redundancy: following") || l.StartsWith("audio thread")))
                Console.WriteLine($"    {line}");
            Console.WriteLine($"    primary: {File.ReadLines(Path.Join(root, "primary.log")).LastOrDefault(l => l.StartsWith("audio thread"))}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            foreach (string side in new[] { "primary", "backup" }) File.Delete($"/dev/shm/stagebox-wire-{wire}-{side}");
        }
    }

    private static void WriteConfiguration(string root, string role, int listen, int peer, string key, string wire) =>
        File.WriteAllText(Path.Join(root, $"{role}.yaml"), $"""
            audio:
              channels: 3
            redundancy:
              role: {(role == "primary" ? "Primary" : "Backup")}
              listen: 127.0.0.1:{listen}
              peer: 127.0.0.1:{peer}
              key: {key}
              simulated_wire: {wire}
              standby_output: Switcher
            """);

    private static Process Start(string stagebox, string root, NoiseShow show, string role, double ppm, params string[] extra)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = root };
        string arguments = string.Join(' ', new[] { stagebox, "run", "--sim", "--config", $"{role}.yaml", "--show", show.Folder, "--record", $"{role}.wav",
            "--sim-ppm", ppm.ToString(System.Globalization.CultureInfo.InvariantCulture), "--status-file", $"{role}.status", "--exit-after", "3600" }.Concat(extra));
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {arguments} > {role}.log 2>&1 < /dev/null");
        start.Environment["XDG_DATA_HOME"] = Path.Join(root, "data");
        return Process.Start(start)!;
    }

    private static void WaitFor(string log, string text)
    {
        using var tick = new ManualResetEventSlim();
        for (int i = 0; i < 600; i++)
        {
            if (File.Exists(log) && File.ReadAllText(log).Contains(text)) return;
            tick.Wait(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"{log} never said '{text}':\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
    }

    private static void Stop(Process box)
    {
        using (var kill = Process.Start("kill", ["-TERM", box.Id.ToString()])) kill!.WaitForExit();
        if (!box.WaitForExit(TimeSpan.FromSeconds(30))) box.Kill();
    }
}
