namespace StageBox.Tests.Hal;

public static class Allocations
{
    /// <summary>Bytes the current thread allocated on the managed heap while <paramref name="action"/> ran.</summary>
    public static long During(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
