namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Where the live peer is, for a standby box to put itself there: its speaker plays frame
/// <paramref name="SongFrame"/> of song <paramref name="SongIndex"/> at this box's CLOCK_MONOTONIC
/// <paramref name="AtNanoseconds"/>, moving on at the nominal rate.
/// </summary>
public readonly record struct Alignment(int SongIndex, double SongFrame, long AtNanoseconds);
