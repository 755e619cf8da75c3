using StageBox.Engine.Transport;

namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Which song frame this box's speaker plays at CLOCK_MONOTONIC <see cref="AtNanoseconds"/>:
/// the engine's position less what is queued between it and the speaker (the resampler and
/// the device buffer). Across a jump within those few milliseconds it is the frame the new
/// timeline puts there, which is what two boxes in step compare. Published after every write.
/// </summary>
/// <param name="Engine">The engine's position after the last period it rendered: transport, song, cursor, click.</param>
public readonly record struct HeardPosition(long AtNanoseconds, double SongFrame, PlaybackPosition Engine)
{
    public TransportState State => Engine.State;
    public int SongIndex => Engine.SongIndex;
    public int NextSongIndex => Engine.NextSongIndex;
    public long Periods => Engine.Periods;

    /// <summary>The click trim as a beat carries it: tenths of a dB.</summary>
    public short ClickTrimTenths => (short)Math.Round(Engine.ClickTrimDb * 10);
}
