namespace StageBox.Engine.Timeline;

/// <summary>
/// One tempo map entry as a song states it: from <see cref="Bar"/> on, the tempo (quarter notes
/// per minute) and meter change; a field left null keeps the value in force. With
/// <see cref="RampTo"/>, the tempo moves linearly with beat position from <see cref="Tempo"/>
/// to <see cref="RampTo"/> over <see cref="RampBars"/> bars, then holds.
/// </summary>
public sealed record TempoChange(int Bar, double? Tempo = null, Meter? Meter = null, double? RampTo = null, int RampBars = 0)
{
    public bool IsRamp => RampTo is not null;
}
