namespace StageBox.Engine.Transport;

/// <summary>
/// Durations counted in fixed-width buckets, so the audio thread records one with an
/// increment while any thread reads percentiles. One writer; readers may be a record behind.
/// The count is written (release) after the bucket and read (acquire) before the buckets, so a
/// reader finds at least as many records in the buckets as the count it read.
/// </summary>
public sealed class TimeHistogram(long bucketNanoseconds, int buckets)
{
    private readonly long[] _counts = new long[buckets + 1];
    private long _count;
    private long _maxNanoseconds;

    public long Count => Volatile.Read(ref _count);

    public double MaxMicroseconds => Volatile.Read(ref _maxNanoseconds) / 1e3;

    /// <summary>Writer only. Longer than the last bucket counts in it.</summary>
    public void Record(long nanoseconds)
    {
        _counts[Math.Clamp(nanoseconds / bucketNanoseconds, 0, buckets)]++;
        if (nanoseconds > _maxNanoseconds) Volatile.Write(ref _maxNanoseconds, nanoseconds);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="fraction"/> quantile, in microseconds (0 when empty).</summary>
    public double PercentileMicroseconds(double fraction)
    {
        long count = Count;
        if (count == 0) return 0;
        long wanted = (long)Math.Ceiling(count * fraction), seen = 0;
        int bucket = 0;
        for (; bucket < buckets; bucket++)
        {
            seen += Volatile.Read(ref _counts[bucket]);
            if (seen >= wanted) break;
        }
        return (bucket + 1) * (bucketNanoseconds / 1e3);
    }
}
