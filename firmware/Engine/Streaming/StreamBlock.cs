namespace StageBox.Engine.Streaming;

/// <summary>
/// <see cref="Frames"/> frames of a streamed clip, every channel, planar (channel c at
/// c x Frames), tagged with the clip and block they hold. The read-ahead thread rewrites it
/// between <see cref="BeginWrite"/> and <see cref="EndWrite"/>; the audio thread copies it with
/// <see cref="TryCopy"/>, which says whether the copy is the tagged audio, whole.
/// </summary>
/// <remarks>
/// Memory ordering (one writer, the read-ahead thread; one reader, the audio thread; .NET's
/// memory model, docs/design/specs/Memory-model.md in dotnet/runtime). The block is a seqlock
/// around its samples: <c>_writes</c> counts the writes begun and ended, odd while one is under
/// way. The writer makes it odd (and empties the tag), then a full fence, so no sample store
/// can be seen before the odd count; after the samples, the tag and then the even count are
/// release writes, so a reader that sees the even count sees those samples and that tag. The
/// reader reads the count and the tag with acquire reads (no sample read moves before them),
/// copies, then a full fence (no sample read moves after it), and reads the count again: equal
/// means no write began during the copy. Comparing the count, not only the tag, also rejects
/// a block rewritten with other audio and back with the same tag during one copy (A, B, A):
/// the tag alone would accept that copy, part of it B.
/// </remarks>
public sealed class StreamBlock(int channels)
{
    /// <summary>85 ms at 48 kHz: small enough that a jump's first block loads at once, large enough for few reads.</summary>
    public const int Frames = 4096;

    /// <summary>The tag of a block being written, or holding nothing.</summary>
    public const long NoKey = -1;

    private long _key = NoKey;
    private int _writes;

    public int Channels { get; } = channels;
    public float[] Samples { get; } = new float[channels * Frames];

    public long Key => Volatile.Read(ref _key);

    /// <summary>Which clip and block: unique across every streamed clip of the box.</summary>
    public static long KeyOf(int clipId, long blockIndex) => ((long)clipId << 40) | blockIndex;

    /// <summary>On the read-ahead thread, before rewriting <see cref="Samples"/> (again, for a block taken back and not yet rewritten: it stays odd).</summary>
    public void BeginWrite()
    {
        Volatile.Write(ref _key, NoKey);
        if ((_writes & 1) == 0) Volatile.Write(ref _writes, _writes + 1);
        Interlocked.MemoryBarrier(); // the odd count and the emptied tag are visible before any sample changes
    }

    /// <summary>On the read-ahead thread, once <see cref="Samples"/> holds <paramref name="key"/>'s audio.</summary>
    public void EndWrite(long key)
    {
        Volatile.Write(ref _key, key);
        Volatile.Write(ref _writes, _writes + 1);
    }

    /// <summary>
    /// On the audio thread: copies <paramref name="length"/> frames from <paramref name="within"/>
    /// of every channel, planar, into <paramref name="destination"/>; false if the block does not
    /// hold <paramref name="key"/> or was rewritten during the copy (then what was copied is not used).
    /// </summary>
    public bool TryCopy(long key, int within, int length, Span<float> destination)
    {
        int writes = Volatile.Read(ref _writes);
        if ((writes & 1) != 0 || Volatile.Read(ref _key) != key) return false;
        for (int channel = 0; channel < Channels; channel++)
            Samples.AsSpan(channel * Frames + within, length).CopyTo(destination.Slice(channel * length, length));
        Interlocked.MemoryBarrier(); // every sample is read before the count is read again
        return Volatile.Read(ref _writes) == writes;
    }
}
