using System.Runtime.InteropServices;
using StageBox.Hal.Native;

namespace StageBox.Hal.Mounts;

/// <summary>
/// Notices mounts arriving and leaving. The kernel marks an open mountinfo file with
/// POLLPRI | POLLERR whenever the namespace's mount table changes (proc(5)), so the watcher
/// sleeps in poll(2) until then, reads the table again and hands back the difference. A
/// cancellation wakes the poll through an eventfd: no timeout, no polling loop.
/// </summary>
/// <remarks>One thread waits at a time; dispose only once that thread has returned.</remarks>
public sealed unsafe class MountWatcher : IDisposable
{
    private readonly string _path;
    private readonly int _table;
    private readonly int _wake;
    private bool _disposed;

    public MountWatcher(string path = MountTable.OwnPath)
    {
        _path = path;
        _table = Libc.Open(path, Libc.OpenReadOnly | Libc.OpenCloseOnExec);
        if (_table < 0) throw LastError($"cannot open {path}");
        _wake = Libc.EventFd(0, Libc.EventFdCloseOnExec | Libc.EventFdNonBlocking);
        if (_wake < 0)
        {
            IOException error = LastError("cannot create an eventfd");
            Libc.Close(_table);
            throw error;
        }
        // Read only after the descriptor is open: a change in between is then signalled on the first poll, never lost.
        Table = MountTable.Read(path);
    }

    /// <summary>The table as last read: at construction, then after each change.</summary>
    public MountTable Table { get; private set; }

    /// <summary>Blocks until mounts arrive or leave and returns them (never empty).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled.</exception>
    public MountChanges WaitForChanges(CancellationToken cancel)
    {
        using CancellationTokenRegistration registration = cancel.Register(Wake);
        while (true)
        {
            WaitForSignal();
            cancel.ThrowIfCancellationRequested();
            MountTable newer = MountTable.Read(_path);
            MountChanges changes = Table.ChangesTo(newer);
            Table = newer;
            // The table also changes for mounts that come and go between two readings, and for other namespaces' propagation.
            if (!changes.IsEmpty) return changes;
        }
    }

    /// <summary>Sleeps until the table changes or <see cref="Wake"/> is called (a wake is consumed here).</summary>
    private void WaitForSignal()
    {
        PollDescriptors descriptors;
        descriptors.Table = new Libc.PollDescriptor { Descriptor = _table, RequestedEvents = Libc.PollPriority };
        descriptors.Wake = new Libc.PollDescriptor { Descriptor = _wake, RequestedEvents = Libc.PollReadable };
        while (true)
        {
            // POLLIN is always set on mountinfo, so it is not asked for: only POLLPRI (and POLLERR, always reported) wake the poll.
            int ready = Libc.Poll(&descriptors.Table, 2, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() == Libc.InterruptedError) continue;
            if (ready < 0) throw LastError($"cannot wait for changes to {_path}");
            if (descriptors.Wake.ReturnedEvents != 0)
            {
                ulong count;
                Libc.Read(_wake, &count, sizeof(ulong));
            }
            return;
        }
    }

    private void Wake()
    {
        ulong one = 1;
        Libc.Write(_wake, &one, sizeof(ulong));
    }

    private static IOException LastError(string what) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Libc.Close(_wake);
        Libc.Close(_table);
    }

    /// <summary>The two descriptors side by side in memory, as poll(2) takes them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptors
    {
        public Libc.PollDescriptor Table;
        public Libc.PollDescriptor Wake;
    }
}
