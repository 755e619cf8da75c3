namespace StageBox.Engine.Transport;

/// <summary>
/// Hands the latest <see cref="PlaybackPosition"/> from the audio thread to any number of
/// readers without locks: a seqlock. The writer makes the version odd while it writes; a
/// reader retries until it copies the value under one even, unchanged version.
/// </summary>
public sealed class PositionSnapshot
{
    private int _version;
    private PlaybackPosition _position;

    /// <summary>Called by the audio thread only.</summary>
    public void Publish(in PlaybackPosition position)
    {
        Volatile.Write(ref _version, _version + 1);
        Interlocked.MemoryBarrier();
        _position = position;
        Volatile.Write(ref _version, _version + 1);
    }

    public PlaybackPosition Read()
    {
        var spin = new SpinWait();
        while (true)
        {
            int before = Volatile.Read(ref _version);
            PlaybackPosition copy = _position;
            Interlocked.MemoryBarrier();
            if ((before & 1) == 0 && before == Volatile.Read(ref _version)) return copy;
            spin.SpinOnce();
        }
    }
}
