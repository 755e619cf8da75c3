namespace StageBox.Engine.Streaming;

/// <summary>
/// <see cref="Frames"/> frames of a streamed clip, every channel, planar (channel c at
/// c x Frames), tagged with the clip and block they hold. The read-ahead thread empties the tag
/// before it rewrites the samples and sets it after; the audio thread reads the tag before and
/// after copying, so it can never play a block that changed under it.
/// </summary>
public sealed class StreamBlock(int channels)
{
    /// <summary>85 ms at 48 kHz: small enough that a jump's first block loads at once, large enough for few reads.</summary>
    public const int Frames = 4096;

    /// <summary>The tag of a block being written, or holding nothing.</summary>
    public const long NoKey = -1;

    private long _key = NoKey;

    public int Channels { get; } = channels;
    public float[] Samples { get; } = new float[channels * Frames];

    public long Key => Volatile.Read(ref _key);

    /// <summary>Which clip and block: unique across every streamed clip of the box.</summary>
    public static long KeyOf(int clipId, long blockIndex) => ((long)clipId << 40) | blockIndex;

    /// <summary>On the read-ahead thread, before rewriting <see cref="Samples"/>.</summary>
    public void BeginWrite()
    {
        Volatile.Write(ref _key, NoKey);
        Interlocked.MemoryBarrier(); // the emptied tag is visible before any sample changes
    }

    /// <summary>On the read-ahead thread, once <see cref="Samples"/> holds <paramref name="key"/>'s audio.</summary>
    public void EndWrite(long key) => Volatile.Write(ref _key, key);
}
