namespace StageBox.Engine.Streaming;

/// <summary>
/// The blocks a streamed clip keeps resident whatever the position: the first second after
/// every place a song can jump to (its start, its sections), so a start, a jump or a segue plays
/// at once while the read-ahead catches up behind it. Immutable: the read-ahead publishes a new
/// set, the audio thread looks keys up by binary search.
/// </summary>
public sealed class PinnedBlocks
{
    public static readonly PinnedBlocks None = new([], []);

    private readonly long[] _keys;
    private readonly StreamBlock[] _blocks;

    /// <param name="keys">Sorted ascending, one per block.</param>
    public PinnedBlocks(long[] keys, StreamBlock[] blocks)
    {
        if (keys.Length != blocks.Length) throw new ArgumentException("one key per block", nameof(blocks));
        _keys = keys;
        _blocks = blocks;
    }

    public int Count => _keys.Length;
    public IReadOnlyList<long> Keys => _keys;
    public IReadOnlyList<StreamBlock> Blocks => _blocks;

    public StreamBlock? Find(long key)
    {
        int index = Array.BinarySearch(_keys, key);
        return index >= 0 ? _blocks[index] : null;
    }
}
