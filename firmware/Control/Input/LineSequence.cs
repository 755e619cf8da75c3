namespace StageBox.Control.Input;

/// <summary>
/// Watches one line's kernel sequence numbers for gaps. The kernel numbers a line's events
/// from 1, so the first event seen must be 1 or the events before it were lost.
/// </summary>
internal struct LineSequence
{
    private uint last;

    /// <summary>How many events the kernel numbered but the decoder never saw.</summary>
    public long Lost { get; private set; }

    /// <summary>Records <paramref name="sequence"/>; true if events were lost just before it.</summary>
    public bool Skipped(uint sequence)
    {
        uint missing = unchecked(sequence - last - 1);
        last = sequence;
        if (missing == 0)
            return false;
        Lost += missing;
        return true;
    }
}
