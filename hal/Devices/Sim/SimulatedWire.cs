using System.Runtime.InteropServices;
using StageBox.Hal.Display;
using StageBox.Hal.Native;

namespace StageBox.Hal.Sim;

/// <summary>
/// A wire between two simulated boxes on one PC, standing in for the GPIO watchdog line: a small
/// shared page (/dev/shm/stagebox-wire-NAME) holding the line's level and the CLOCK_MONOTONIC
/// time of its last edge, as the GPIO character device timestamps edges. One box drives it
/// (<see cref="IDigitalOutput"/>), the other watches it (<see cref="IWatchdogInput"/>). Like a
/// real wire it keeps its level when the driving process dies: the edges just stop. Setting it
/// allocates nothing, so the audio thread can toggle it.
/// </summary>
public sealed unsafe class SimulatedWire : IDigitalOutput, IWatchdogInput
{
    private const int PageBytes = 64;
    private readonly long* _page;

    public SimulatedWire(string name)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"a simulated wire's name is letters, digits, '-' and '_': '{name}'", nameof(name));
        Path = $"/dev/shm/stagebox-wire-{name}";
        // mmap directly: .NET's mapped views msync on dispose, which a box with its memory locked (mlockall) is refused.
        using var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (file.Length < PageBytes) file.SetLength(PageBytes);
        void* page = Libc.MapMemory(null, PageBytes, Libc.ProtectReadWrite, Libc.MapShared, (int)file.SafeFileHandle.DangerousGetHandle(), 0);
        if (page == (void*)-1) throw new IOException($"{Path}: mmap failed with error {Marshal.GetLastPInvokeError()}");
        _page = (long*)page;
    }

    public string Path { get; }

    private ref long Level => ref _page[0];
    private ref long LastEdge => ref _page[1];

    public void Set(bool high)
    {
        long level = high ? 1 : 0;
        if (Volatile.Read(ref Level) == level) return;
        Volatile.Write(ref LastEdge, MonotonicClock.NowNanoseconds());
        Volatile.Write(ref Level, level);
    }

    public long LatestEdgeNanoseconds() => Volatile.Read(ref LastEdge);

    public void Dispose() => Libc.UnmapMemory(_page, PageBytes);
}
