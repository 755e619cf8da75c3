namespace StageBox.Redundancy.Link;

/// <summary>
/// The sequence numbers already taken from one sender's run: the highest, and which of the 64
/// below it were seen, as IPsec's anti-replay window does. A packet reordered by a few is
/// still taken; one seen before, or older than the window, is refused.
/// </summary>
public sealed class ReplayWindow
{
    public const int Width = 64;
    private ulong _highest;
    /// <summary>Bit n set: the number <see cref="Highest"/> - 1 - n was taken (n from 0 to <see cref="Width"/> - 1).</summary>
    private ulong _seenBelow;

    /// <summary>Records <paramref name="sequence"/> and returns true if it is new.</summary>
    public bool Accept(ulong sequence)
    {
        if (sequence == 0) return false;
        if (sequence > _highest)
        {
            ulong shift = sequence - _highest;
            // A shift by 64 or more would wrap in C# (it masks the count): everything below moves out of the window.
            ulong seen = shift >= Width ? 0 : _seenBelow << (int)shift;
            // The old highest is now shift below the new one: still in the window up to a jump of exactly its width.
            if (_highest != 0 && shift <= Width) seen |= 1UL << ((int)shift - 1);
            _seenBelow = seen;
            _highest = sequence;
            return true;
        }
        ulong age = _highest - sequence;
        if (age == 0 || age > Width) return false;
        ulong bit = 1UL << ((int)age - 1);
        if ((_seenBelow & bit) != 0) return false;
        _seenBelow |= bit;
        return true;
    }

    /// <summary>The highest sequence number taken so far.</summary>
    public ulong Highest => _highest;
}
