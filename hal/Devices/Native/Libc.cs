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

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <returns>0, or -1 with errno set.</returns>
    [LibraryImport(Library, EntryPoint = "clock_gettime")]
    public static partial int ClockGetTime(int clockId, TimeSpec* time);

    /// <returns>0, or the error number itself (clock_nanosleep does not set errno).</returns>
    [LibraryImport(Library, EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanoSleep(int clockId, int flags, TimeSpec* request, TimeSpec* remaining);
}
