using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;

namespace StageBox.Engine.Streaming;

/// <summary>
/// A clip played from disk: only a ring of blocks ahead of the play position and the pinned
/// blocks after each jump target are in memory, filled by a read-ahead thread. The audio thread
/// copies what is resident (checking the block's tag after the copy) and plays silence for what
/// is not, counting it; it never reads the disk, waits or allocates.
/// </summary>
public sealed class StreamedClip : AudioClip
{
    private static int s_lastId;

    private StreamBlock?[] _ring = [];
    private PinnedBlocks _pinned = PinnedBlocks.None;

    public StreamedClip(string name, int channels, long frames)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), "a clip has at least one channel");
        Name = name;
        ChannelCount = channels;
        Frames = frames;
        Id = Interlocked.Increment(ref s_lastId);
    }

    public string Name { get; }
    public int Id { get; }
    public override int ChannelCount { get; }
    public override long Frames { get; }
    public long BlockCount => (Frames + StreamBlock.Frames - 1) / StreamBlock.Frames;

    /// <summary>Slots for the blocks ahead (block i in slot i mod length); set by the read-ahead.</summary>
    public StreamBlock?[] Ring
    {
        get => Volatile.Read(ref _ring);
        set => Volatile.Write(ref _ring, value);
    }

    public PinnedBlocks Pinned
    {
        get => Volatile.Read(ref _pinned);
        set => Volatile.Write(ref _pinned, value);
    }

    public long KeyOf(long blockIndex) => StreamBlock.KeyOf(Id, blockIndex);

    /// <summary>
    /// The resident block holding <paramref name="blockIndex"/>, or null. The ring, its slots and
    /// the pinned set are published by the read-ahead with release writes and read here with
    /// acquire ones; a block found may still be rewritten at any time, which
    /// <see cref="StreamBlock.TryCopy"/> detects.
    /// </summary>
    public StreamBlock? Resident(long blockIndex)
    {
        long key = KeyOf(blockIndex);
        StreamBlock?[] ring = Ring;
        if (ring.Length > 0 && Volatile.Read(ref ring[blockIndex % ring.Length]) is { } slot && slot.Key == key) return slot;
        return Pinned.Find(key) is { } pinned && pinned.Key == key ? pinned : null;
    }

    public override int MixInto(long clipFrame, int count, OutputRoute[] routes, MixBus bus, int busOffset, float startGain, float step)
    {
        int missing = 0;
        for (int done = 0; done < count;)
        {
            long frame = clipFrame + done;
            long blockIndex = frame / StreamBlock.Frames;
            int within = (int)(frame - blockIndex * StreamBlock.Frames);
            int length = Math.Min(count - done, StreamBlock.Frames - within);
            // The engine sizes the bus's scratch for its widest clip and refuses wider ones before they reach this thread.
            Span<float> scratch = bus.Scratch[..(ChannelCount * length)];
            if (CopyTo(scratch, blockIndex, within, length))
                foreach (OutputRoute route in routes)
                    MixRoute(scratch.Slice(route.SourceChannel * length, length), route, bus, busOffset + done, startGain + step * done, step);
            else
                missing += length;
            done += length;
        }
        return missing;
    }

    /// <summary>Copies frames of one block, planar, into <paramref name="scratch"/>; false if the block is not resident or changed during the copy.</summary>
    private bool CopyTo(Span<float> scratch, long blockIndex, int within, int length) =>
        Resident(blockIndex) is { } block && block.TryCopy(KeyOf(blockIndex), within, length, scratch);
}
