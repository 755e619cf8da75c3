using System.Runtime.InteropServices;

namespace StageBox.Hal.Native;

/// <summary>
/// The libc calls the HAL makes directly. Declared for 64-bit Linux (arm64, x86-64), where
/// time_t and long are both 64 bits wide.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc.so.6";

    public const int ClockMonotonic = 1; // CLOCK_MONOTONIC
    public const int TimerAbsoluteTime = 1; // TIMER_ABSTIME
    public const int InterruptedError = 4; // EINTR
    public const int OpenReadOnly = 0; // O_RDONLY
    public const int OpenReadWrite = 2; // O_RDWR
    public const int OpenCloseOnExec = 0x80000; // O_CLOEXEC
    public const short PollReadable = 1; // POLLIN
    public const short PollPriority = 2; // POLLPRI
    public const short PollError = 8; // POLLERR
    public const int EventFdCloseOnExec = 0x80000; // EFD_CLOEXEC
    public const int EventFdNonBlocking = 0x800; // EFD_NONBLOCK
    public const int ProtectReadWrite = 3; // PROT_READ | PROT_WRITE
    public const int MapShared = 1; // MAP_SHARED

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public const int AtCurrentDirectory = -100; // AT_FDCWD
    public const int AtSymlinkNoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    public const uint StatXTypeAndSize = 0x1 | 0x200; // STATX_TYPE | STATX_SIZE

    /// <summary>struct statx up to stx_size; the kernel fills the whole 256 bytes, so the rest is padding.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatX
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Descriptor;
        public short RequestedEvents;
        public short ReturnedEvents;
    }

    /// <returns>A file descriptor, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    /// <returns>0 (or a request-specific non-negative value), or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FileSync(int descriptor);

    /// <summary>statx(2): the same struct layout on every architecture, unlike struct stat.</summary>
    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatXCall(int directory, string path, int flags, uint mask, StatX* status);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoControl(int descriptor, nuint request, void* argument);

    /// <returns>The bytes read, 0 at end of file, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, void* buffer, nuint count);

    /// <returns>The bytes written, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int descriptor, void* buffer, nuint count);

    /// <summary>eventfd(2): a counter one thread can poll and another can bump, to wake a blocked poll.</summary>
    /// <returns>A file descriptor, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    /// <returns>How many descriptors have events, 0 on timeout, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    /// <returns>0, or the error number itself (clock_nanosleep does not set errno).</returns>
    [LibraryImport(Library, EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanoSleep(int clockId, int flags, TimeSpec* request, TimeSpec* remaining);

    /// <returns>A file descriptor, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int OpenAt(int directory, string path, int flags, uint mode);

    /// <returns>0, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int UnlinkAt(int directory, string path, int flags);

    /// <returns>0, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int RenameAt2(int fromDirectory, string from, int toDirectory, string to, uint flags);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* MapMemory(void* address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int UnmapMemory(void* address, nuint length);
}
