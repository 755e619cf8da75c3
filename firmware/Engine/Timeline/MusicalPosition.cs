namespace StageBox.Engine.Timeline;

/// <summary>
/// A place in a song as musicians name it: bar (1 is the first bar of the song; the count-in
/// bars are 0, -1, ...), beat within the bar (1-based, in the meter's note value) and tick
/// within the beat (<see cref="TempoMap.TicksPerQuarter"/> ticks to a quarter note).
/// </summary>
public readonly record struct MusicalPosition(int Bar, int Beat = 1, int Tick = 0)
{
    public override string ToString() => $"{Bar}.{Beat}.{Tick:D3}";
}
