using StageBox.Hal;

namespace StageBox.Engine.Transport;

/// <summary>
/// What the audio thread puts between the mix chain and the device on a box of a redundant pair:
/// it renders each device period from the chain's mix (kept in step with the peer, muted or
/// live) and hears when each period was written. Both calls run on the audio thread and must
/// not allocate, lock or block.
/// </summary>
public interface IPeriodStage
{
    /// <summary>
    /// Fills <paramref name="period"/> (<see cref="PlaybackEngine.PeriodBytes"/> long) with the next
    /// device period, made from the mixes of <paramref name="mixes"/>. It may first take back and
    /// rewrite what <paramref name="output"/> has queued.
    /// </summary>
    void Render(MixChain mixes, IPcmOutput output, Span<byte> period);

    /// <summary>After a write: <paramref name="delayFrames"/> queued in the device at CLOCK_MONOTONIC <paramref name="atNanoseconds"/>.</summary>
    void Written(long delayFrames, long atNanoseconds);
}
