using System.Net.Sockets;
using System.Runtime.InteropServices;
using StageBox.Show.Import;

// sandbox-probe STICK AREA OUTSIDE_FILE: enters ImportSandbox exactly as `stagebox stage-import`
// does, then tries each thing below and prints "NAME allowed" or "NAME refused: WHY". A test
// runs it as a process of its own, since a sandbox cannot be left again.
string stick = args[0], area = args[1], outside = args[2];
foreach (string missing in ImportSandbox.Enter(stick, area)) Console.WriteLine($"sandbox: {missing}");

Try("read the stick", () => Directory.EnumerateFileSystemEntries(stick).Count());
Try("write in the staging area", () => File.WriteAllText(Path.Join(area, "probe.txt"), "x"));
Try("read outside", () => File.ReadAllBytes(outside));
Try("write outside", () => File.WriteAllText(outside, "overwritten"));
Try("create beside the staging area", () => File.WriteAllText(Path.Join(Path.GetDirectoryName(area)!, "planted"), "x"));
Try("open /dev/zero", () => File.OpenRead("/dev/zero").Dispose());
Try("write /dev/null", () => File.WriteAllText("/dev/null", "x"));
Try("AF_INET socket", () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp).Dispose());
Try("AF_INET6 socket", () => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp).Dispose());
Try("AF_PACKET socket", () => new Socket(AddressFamily.Packet, SocketType.Raw, ProtocolType.Raw).Dispose());
Try("AF_UNIX socket", () => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified).Dispose());
Try("signal the parent", () => { if (Kill(Environment.GetEnvironmentVariable("PROBE_PARENT") is string p ? int.Parse(p) : 1, 0) != 0) throw new IOException($"kill: errno {Marshal.GetLastPInvokeError()}"); });
Try("signal itself", () => { if (Kill(Environment.ProcessId, 0) != 0) throw new IOException($"kill: errno {Marshal.GetLastPInvokeError()}"); });
Console.WriteLine(string.Join(" ", File.ReadAllLines("/proc/self/status").Where(l => l.StartsWith("Seccomp:") || l.StartsWith("NoNewPrivs:"))));

[DllImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
static extern int Kill(int pid, int signal);

static void Try(string what, Action action)
{
    try
    {
        action();
        Console.WriteLine($"{what} allowed");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or SocketException)
    {
        Console.WriteLine($"{what} refused: {e.Message}");
    }
}
