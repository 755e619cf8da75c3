namespace StageBox.Engine.Transport;

/// <summary>
/// A bounded lock-free queue of commands to the audio thread: any number of producers
/// (control, redundancy, UI threads), one consumer (the audio thread). Preallocated; neither
/// side allocates, locks or blocks. After Dmitry Vyukov's bounded queue: each cell carries a
/// sequence number saying whose turn it is.
/// </summary>
/// <remarks>
/// Memory ordering (.NET's model; docs/design/specs/Memory-model.md in dotnet/runtime). A
/// producer claims a cell by the compare-exchange on the enqueue position (a full fence: one
/// producer per position, never two), writes the command, then publishes it with a release
/// write of the cell's sequence (position + 1): the command's stores are seen before it. The
/// consumer's acquire read of that sequence orders its read of the command after it; it hands
/// the cell back to the producers with a release write (position + capacity), so its read of the
/// command is done before a producer can see the cell free and overwrite it. A producer's
/// acquire read of the sequence keeps its command stores after the cell was seen free. Positions
/// are 64-bit: they never wrap in the box's life.
/// </remarks>
public sealed class CommandQueue
{
    private struct Cell
    {
        public long Sequence;
        public TransportCommand Command;
    }

    private readonly Cell[] _cells;
    private readonly long _mask;
    private long _enqueuePosition;
    private long _dequeuePosition;

    public CommandQueue(int capacity = 256)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity is a power of two");
        _cells = new Cell[capacity];
        for (int i = 0; i < capacity; i++) _cells[i].Sequence = i;
        _mask = capacity - 1;
    }

    /// <summary>Queues a command; false when the queue is full (the audio thread has stalled).</summary>
    public bool TryEnqueue(in TransportCommand command)
    {
        long position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            ref Cell cell = ref _cells[position & _mask];
            long lag = Volatile.Read(ref cell.Sequence) - position;
            if (lag == 0)
            {
                long seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                if (seen == position)
                {
                    cell.Command = command;
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }
                position = seen;
            }
            else if (lag < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition);
            }
        }
    }

    /// <summary>Takes the oldest command. Only the audio thread calls this.</summary>
    public bool TryDequeue(out TransportCommand command)
    {
        ref Cell cell = ref _cells[_dequeuePosition & _mask];
        if (Volatile.Read(ref cell.Sequence) != _dequeuePosition + 1)
        {
            command = default;
            return false;
        }
        command = cell.Command;
        Volatile.Write(ref cell.Sequence, _dequeuePosition + _mask + 1);
        _dequeuePosition++;
        return true;
    }
}
