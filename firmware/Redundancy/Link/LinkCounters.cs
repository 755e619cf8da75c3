namespace StageBox.Redundancy.Link;

/// <summary>
/// What the link has taken and turned away, counted since the box started. Each datagram refused
/// is counted once, under the first check it failed, in the order they run: the sender's address
/// (<see cref="Strangers"/>), the size and magic (<see cref="Malformed"/>), the seal
/// (<see cref="Forged"/>), the nonce and sequence (<see cref="Replayed"/>). The first two cost no
/// cryptography, so junk on the port is turned away at the cost of reading it.
/// </summary>
public readonly record struct LinkCounters(long Taken, long Lost, long Strangers, long Malformed, long Forged, long Replayed)
{
    public override string ToString() =>
        $"{Taken} taken, {Lost} lost; refused: {Strangers} from strangers, {Malformed} malformed, {Forged} forged, {Replayed} replayed";
}
