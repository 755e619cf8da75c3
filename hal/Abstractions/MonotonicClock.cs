using System.Diagnostics;

namespace StageBox.Hal;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds: the clock the kernel stamps GPIO edges with, and the one
/// every time in the box is told in (a frame's moment at the speaker, the peer's heartbeats, the
/// screen's frames). .NET's Stopwatch reads it on Linux (clock_gettime, a tick a nanosecond);
/// here beside the interfaces, so the engine and the devices tell time in one way. Allocates
/// nothing: safe on the audio thread.
/// </summary>
public static class MonotonicClock
{
    private static readonly long NanosecondsPerTick = 1_000_000_000 / Stopwatch.Frequency;

    public static long NowNanoseconds() => Stopwatch.GetTimestamp() * NanosecondsPerTick;
}
