namespace StageBox.Engine.Transport;

/// <summary>
/// Hands the latest value of a struct from one writer thread to any number of readers without
/// locks: the writer makes the version odd while it writes; a reader retries until it copies
/// the value under one even, unchanged version. Neither side allocates.
/// </summary>
public class Seqlock<T> where T : struct
{
    private int _version;
    private T _value;

    /// <summary>Called by the one writer thread only.</summary>
    public void Publish(in T value)
    {
        Volatile.Write(ref _version, _version + 1);
        Interlocked.MemoryBarrier();
        _value = value;
        Volatile.Write(ref _version, _version + 1);
    }

    /// <summary>How many values were published: a reader can tell a new one from the one it has.</summary>
    public int Published => Volatile.Read(ref _version) >> 1;

    public T Read()
    {
        var spin = new SpinWait();
        while (true)
        {
            int before = Volatile.Read(ref _version);
            T copy = _value;
            Interlocked.MemoryBarrier();
            if ((before & 1) == 0 && before == Volatile.Read(ref _version)) return copy;
            spin.SpinOnce();
        }
    }
}
