using System.Diagnostics;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>What one case's work returned, with the time it took and the bytes it allocated.</summary>
internal readonly record struct Measured<T>(T Value, TimeSpan Elapsed, long AllocatedBytes);

/// <summary>
/// Runs a case's work on a worker so that a hang is caught: the case fails when the work has not
/// finished after <see cref="Timeout"/>, far beyond what any sound or broken file takes, so a
/// busy machine does not trip it. Any exception out of the work fails the case too.
/// </summary>
internal static class CaseRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<Measured<T>> Run<T>(Func<T> work, Func<string> describe)
    {
        Task<Measured<T>> task = Task.Run(() =>
        {
            // The work runs on this one thread from start to end, so its allocations are counted exactly.
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            T value = work();
            return new Measured<T>(value, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        });
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new FuzzFailure($"no result after {Timeout.TotalSeconds} s (a hang) for {describe()}");
        }
        catch (Exception e)
        {
            throw new FuzzFailure($"{e.GetType().Name} escaped for {describe()}\n{e}");
        }
    }
}

/// <summary>A case that crashed, hung or broke a rule; its message carries the case, so the failure can be reproduced.</summary>
internal sealed class FuzzFailure(string message) : Exception(message);
