using StageBox.Engine.Transport;

namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Which song frame this box's speaker plays at CLOCK_MONOTONIC <see cref="AtNanoseconds"/>:
/// the engine's position less what is queued between it and the speaker (the resampler and
/// the device buffer). Across a jump within those few milliseconds it is the frame the new
/// timeline puts there, which is what two boxes in step compare. Published after every write.
/// </summary>
public readonly record struct HeardPosition(long AtNanoseconds, TransportState State, int SongIndex, int NextSongIndex, double SongFrame, long Periods, PlaybackPosition Engine);
