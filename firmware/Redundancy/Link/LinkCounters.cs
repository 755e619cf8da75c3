namespace StageBox.Redundancy.Link;

/// <summary>
/// What the link has taken and turned away, counted since the box started. Each datagram refused
/// is counted once, under the first check it failed, in the order they run: the sender's address
/// (<see cref="Strangers"/>: on Linux the kernel's socket filter drops these unread, and the
/// socket's drop count, which also holds any datagram a full buffer refused, is added), the size
/// and magic (<see cref="Malformed"/>), the seal (<see cref="Forged"/>), the nonce and sequence
/// (<see cref="Replayed"/>). The first two cost no cryptography.
/// </summary>
public readonly record struct LinkCounters(long Taken, long Lost, long Strangers, long Malformed, long Forged, long Replayed)
{
    public override string ToString() =>
        $"{Taken} taken, {Lost} lost; refused: {Strangers} from strangers, {Malformed} malformed, {Forged} forged, {Replayed} replayed";
}
