using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using StageBox.Engine.Songs;
using StageBox.Engine.Streaming;
using StageBox.Engine.Transport;

namespace StageBox.Show.Playback;

/// <summary>
/// The read-ahead thread of streamed stems. From the position the audio thread publishes, it
/// keeps each stem of the current song read <see cref="AheadSeconds"/> ahead of the play (or
/// cued) position, pins the first <see cref="HeadSeconds"/> after the current song's start and
/// section starts and after the next song's start, and lets every other song's blocks go, so
/// memory holds two songs' worth of heads and one ring per stem whatever the show's length.
/// Blocks are recycled through a pool; the only thread that reads the disk is this one.
/// </summary>
public sealed class StemReadAhead : IDisposable
{
    public const double AheadSeconds = 4, HeadSeconds = 1;

    /// <summary>How far ahead counts as ready: a start plays from its pinned head, then from the ring.</summary>
    private const double ReadySeconds = 0.5;

    private readonly StemStreams _streams;
    private readonly PositionSnapshot _position;
    private readonly Func<SetlistChange?>? _offered;
    private readonly int _aheadBlocks, _headBlocks, _readyBlocks;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _problems = new();
    private volatile bool _ready;
    private Thread? _thread;

    // Only the read-ahead thread touches these.
    private readonly HashSet<StreamedClip> _held = [];
    private readonly HashSet<StreamedClip> _unreadable = [];
    private readonly Dictionary<StreamedClip, SafeFileHandle> _open = [];
    private readonly Dictionary<int, Stack<StreamBlock>> _pool = [];
    private readonly Dictionary<PreparedSong, StreamedClip[]> _clipsOf = [];
    private byte[] _readBuffer = [];
    private (IReadOnlyList<SetlistSlot>? Setlist, int Song, int Next, SetlistChange? Offer) _songsHeld = (null, -1, -1, null);

    /// <param name="position">The engine's: the play or cued position, and the setlist it refers to.</param>
    /// <param name="offered">
    /// The engine's offered setlist not yet taken over (<see cref="PlaybackEngine.OfferedSetlist"/>):
    /// the song it will land on where the current one ends is pinned like a next song, so a
    /// segue into a newly imported show plays at once.
    /// </param>
    public StemReadAhead(StemStreams streams, PositionSnapshot position, Func<SetlistChange?>? offered = null)
    {
        _offered = offered;
        _position = position;
        _streams = streams;
        _aheadBlocks = BlocksFor(AheadSeconds, streams.SampleRate);
        _headBlocks = BlocksFor(HeadSeconds, streams.SampleRate);
        _readyBlocks = BlocksFor(ReadySeconds, streams.SampleRate);
    }

    /// <summary>Sample memory of every block ever allocated: all the read-ahead holds, since blocks are recycled, never freed.</summary>
    public long BytesAllocated { get; private set; }

    /// <summary>True once the current song plays from its position and every head of it and of the next song is pinned.</summary>
    public bool IsReady => _ready;

    /// <summary>Stems whose file could not be read (they play as silence, the others go on): taken once, for the log and the display.</summary>
    public IEnumerable<string> TakeProblems()
    {
        while (_problems.TryDequeue(out string? problem)) yield return problem;
    }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "stagebox-readahead" };
        _thread.Start();
    }

    /// <summary>Waits until <see cref="IsReady"/>, for at most <paramref name="timeout"/>; false if it was not.</summary>
    public bool WaitUntilReady(TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_ready && clock.Elapsed < timeout) _stop.Token.WaitHandle.WaitOne(2);
        return _ready;
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            FillOnce();
            _stop.Token.WaitHandle.WaitOne(5);
        }
    }

    /// <summary>
    /// One pass, most urgent first: the next half second of the current song and the start of
    /// the next one (then it is ready); when the songs changed, the blocks of every other song
    /// are let go and the current song's section heads pinned; then the rest of the rings.
    /// Allocates only when the current or next song changes.
    /// </summary>
    public void FillOnce()
    {
        PlaybackPosition position = _position.Read();
        // The engine publishes the setlist its indexes refer to (a show imported while playing takes over there).
        IReadOnlyList<SetlistSlot> setlist = position.Setlist ?? [];
        if (!ReferenceEquals(setlist, _songsHeld.Setlist)) _clipsOf.Clear(); // the songs of a replaced show are not asked for again
        StreamedClip[] currentClips = ClipsOf(setlist, position.SongIndex);
        StreamedClip[] nextClips = position.NextSongIndex == position.SongIndex ? [] : ClipsOf(setlist, position.NextSongIndex);
        SetlistChange? offer = _offered?.Invoke() is { } change && ReferenceEquals(change.From, setlist) ? change : null;
        StreamedClip[] landingClips = offer is null ? [] : ClipsOf(offer.To, offer.LandingOf(position.NextSongIndex));
        long playBlock = Math.Max(0, position.SongFrame) / StreamBlock.Frames;
        bool songsChanged = _songsHeld != (setlist, position.SongIndex, position.NextSongIndex, offer);
        foreach (StreamedClip clip in currentClips) FillRing(clip, playBlock, _readyBlocks);
        if (songsChanged) LetGoAllBut(currentClips, [.. nextClips, .. landingClips]);
        _ready = AllHold(currentClips, playBlock) && AllHold(nextClips, 0) && AllHold(landingClips, 0);
        if (songsChanged)
        {
            PreparedSong current = setlist[position.SongIndex].Song;
            foreach (StreamedClip clip in currentClips) Pin(clip, HeadStarts(current, clip));
            _songsHeld = (setlist, position.SongIndex, position.NextSongIndex, offer);
        }
        foreach (StreamedClip clip in currentClips) FillRing(clip, playBlock, _aheadBlocks);
    }

    /// <summary>Releases every clip of neither the current nor a next song, and keeps only the start of the next songs'.</summary>
    private void LetGoAllBut(StreamedClip[] currentClips, StreamedClip[] nextClips)
    {
        foreach (StreamedClip clip in _held.Except(currentClips).Except(nextClips).ToArray()) Release(clip);
        foreach (StreamedClip clip in nextClips.Except(currentClips))
        {
            ReleaseRing(clip);
            Pin(clip, [0]);
        }
    }

    /// <summary>The streamed clips of the song at a setlist index (none past the end of the set).</summary>
    private StreamedClip[] ClipsOf(IReadOnlyList<SetlistSlot> setlist, int songIndex)
    {
        if (songIndex < 0 || songIndex >= setlist.Count) return [];
        PreparedSong song = setlist[songIndex].Song;
        if (!_clipsOf.TryGetValue(song, out StreamedClip[]? clips))
            _clipsOf[song] = clips = song.Clips.Select(placed => placed.Audio).OfType<StreamedClip>().Where(clip => _streams.Of(clip) is not null).Distinct().ToArray();
        return clips;
    }

    /// <summary>First block of each place the song can jump to: its start and every section.</summary>
    private static long[] HeadStarts(PreparedSong song, StreamedClip clip) =>
        song.SectionFrames.Prepend(0).Select(frame => Math.Clamp(frame, 0, clip.Frames) / StreamBlock.Frames).Distinct().ToArray();

    /// <summary>True when every clip has the half second from <paramref name="firstBlock"/> resident.</summary>
    private bool AllHold(StreamedClip[] clips, long firstBlock)
    {
        foreach (StreamedClip clip in clips)
            for (long index = firstBlock; !_unreadable.Contains(clip) && index < Math.Min(firstBlock + _readyBlocks, clip.BlockCount); index++)
                if (clip.Resident(index) is null) return false;
        return true;
    }

    private void FillRing(StreamedClip clip, long firstBlock, int blocks)
    {
        if (_unreadable.Contains(clip)) return;
        _held.Add(clip);
        StreamBlock?[] ring = clip.Ring;
        if (ring.Length == 0) clip.Ring = ring = new StreamBlock?[_aheadBlocks + 2];
        for (long index = firstBlock; index < Math.Min(firstBlock + blocks, clip.BlockCount); index++)
        {
            if (clip.Resident(index) is not null) continue;
            ref StreamBlock? slot = ref ring[index % ring.Length];
            StreamBlock block = slot ?? Rent(clip.ChannelCount);
            bool loaded = TryLoad(clip, index, block);
            Volatile.Write(ref slot, block);
            if (!loaded) return;
        }
    }

    /// <summary>Pins <see cref="HeadSeconds"/> from each start block, reusing blocks already pinned; publishes the set, then recycles what left it.</summary>
    private void Pin(StreamedClip clip, long[] startBlocks)
    {
        long[] wanted = startBlocks.SelectMany(start => Enumerable.Range(0, _headBlocks).Select(i => start + i))
            .Where(index => index < clip.BlockCount).Distinct().Order().ToArray();
        PinnedBlocks pinned = clip.Pinned;
        long[] keys = wanted.Select(clip.KeyOf).ToArray();
        if (_unreadable.Contains(clip) || pinned.Keys.SequenceEqual(keys)) return;
        _held.Add(clip);
        var blocks = new StreamBlock[wanted.Length];
        for (int i = 0; i < wanted.Length; i++)
        {
            if (pinned.Find(keys[i]) is { } kept) { blocks[i] = kept; continue; }
            blocks[i] = Rent(clip.ChannelCount);
            if (TryLoad(clip, wanted[i], blocks[i])) continue;
            foreach (StreamBlock rented in blocks.Take(i + 1).Except(pinned.Blocks)) Return(rented);
            return;
        }
        clip.Pinned = new PinnedBlocks(keys, blocks);
        foreach (StreamBlock dropped in pinned.Blocks.Except(blocks)) Return(dropped);
    }

    private void Release(StreamedClip clip)
    {
        ReleaseRing(clip);
        PinnedBlocks pinned = clip.Pinned;
        if (pinned.Count > 0)
        {
            clip.Pinned = PinnedBlocks.None;
            foreach (StreamBlock block in pinned.Blocks) Return(block);
        }
        if (_open.Remove(clip, out SafeFileHandle? handle)) handle.Dispose();
        _held.Remove(clip);
    }

    private void ReleaseRing(StreamedClip clip)
    {
        StreamBlock?[] ring = clip.Ring;
        if (ring.Length == 0) return;
        clip.Ring = [];
        foreach (StreamBlock? block in ring)
            if (block is not null) Return(block);
    }

    /// <summary>
    /// <see cref="Load"/>, except that a file that cannot be read (removed, cut short, a disk
    /// error) marks its stem unreadable and says so, once: that stem falls silent, the rest play on.
    /// </summary>
    private bool TryLoad(StreamedClip clip, long index, StreamBlock block)
    {
        try
        {
            Load(clip, index, block);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _unreadable.Add(clip);
            _problems.Enqueue($"{_streams.Of(clip)!.Path}: cannot be read ({e.Message}); this stem is silent until the show is loaded again");
            return false;
        }
    }

    /// <summary>Reads block <paramref name="index"/> of the clip's file into <paramref name="block"/>, de-interleaved; zeros past the end.</summary>
    private void Load(StreamedClip clip, long index, StreamBlock block)
    {
        StreamedStem stem = _streams.Of(clip)!;
        if (!_open.TryGetValue(clip, out SafeFileHandle? handle))
            _open[clip] = handle = File.OpenHandle(stem.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        int frames = (int)Math.Min(StreamBlock.Frames, clip.Frames - index * StreamBlock.Frames);
        int bytes = frames * stem.Layout.BytesPerFrame;
        if (_readBuffer.Length < bytes) _readBuffer = new byte[StreamBlock.Frames * stem.Layout.BytesPerFrame];
        long offset = stem.Layout.DataOffset + index * StreamBlock.Frames * stem.Layout.BytesPerFrame;
        for (int read = 0; read < bytes;)
        {
            int got = RandomAccess.Read(handle, _readBuffer.AsSpan(read, bytes - read), offset + read);
            if (got == 0) throw new IOException($"{stem.Path}: the file ends at byte {offset + read}, before the {clip.Frames} frames its header promised");
            read += got;
        }
        block.BeginWrite();
        ReadOnlySpan<float> interleaved = MemoryMarshal.Cast<byte, float>(_readBuffer.AsSpan(0, bytes));
        int channels = clip.ChannelCount;
        for (int channel = 0; channel < channels; channel++)
        {
            Span<float> planar = block.Samples.AsSpan(channel * StreamBlock.Frames, StreamBlock.Frames);
            for (int frame = 0; frame < frames; frame++) planar[frame] = interleaved[frame * channels + channel];
            planar[frames..].Clear();
        }
        block.EndWrite(clip.KeyOf(index));
    }

    private StreamBlock Rent(int channels)
    {
        if (_pool.TryGetValue(channels, out Stack<StreamBlock>? free) && free.TryPop(out StreamBlock? block)) return block;
        BytesAllocated += channels * StreamBlock.Frames * sizeof(float);
        return new StreamBlock(channels);
    }

    private void Return(StreamBlock block)
    {
        block.BeginWrite(); // its old tag no longer holds: an audio thread still reading it sees the change
        if (!_pool.TryGetValue(block.Channels, out Stack<StreamBlock>? free)) _pool[block.Channels] = free = new Stack<StreamBlock>();
        free.Push(block);
    }

    private static int BlocksFor(double seconds, int sampleRate) => (int)Math.Ceiling(seconds * sampleRate / StreamBlock.Frames) + 1;

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        foreach (SafeFileHandle handle in _open.Values) handle.Dispose();
        _open.Clear();
        _stop.Dispose();
    }
}
