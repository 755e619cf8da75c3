namespace StageBox.Engine.Transport;

/// <summary>
/// Hands the latest value of a struct from one writer thread to any number of readers without
/// locks: the writer makes the version odd while it writes; a reader retries until it copies
/// the value under one even, unchanged version. Neither side allocates.
/// </summary>
/// <remarks>
/// Memory ordering (.NET's model: volatile reads acquire, volatile writes release, Interlocked
/// a full fence; docs/design/specs/Memory-model.md in dotnet/runtime), for an arm64 core that
/// reorders what x86 would not. Writer: the odd version is a release write, which alone would
/// let the value's stores move ahead of it, hence the full fence after it; the even version is a
/// release write, so the value's stores are seen before it. Reader: the first version read is an
/// acquire (the value's loads cannot move ahead of it); the full fence keeps them ahead of the
/// second version read. A reader that sees the same even version before and after therefore saw
/// no store of a later <see cref="Publish"/>, and every store of the one that made that version.
/// The value is copied with plain loads, possibly torn while a write runs: such a copy is thrown
/// away, never returned. A reference inside <typeparamref name="T"/> is copied atomically and
/// the object it points to was complete before the publish (a release), so it is safe to use.
/// </remarks>
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
