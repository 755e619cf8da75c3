namespace StageBox.Redundancy.Link;

/// <summary>What the link has taken and turned away, counted since the box started.</summary>
public readonly record struct LinkCounters(long Taken, long Forged, long Replayed, long Lost)
{
    public override string ToString() => $"{Taken} taken, {Lost} lost, {Forged} forged and {Replayed} replayed refused";
}
