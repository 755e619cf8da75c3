using StageBox.Engine.Mixing;

namespace StageBox.Engine.Transport;

/// <summary>
/// Works on each period's mix after the engine has rendered it and before it becomes the device's
/// period: a pilot tone for an external switcher now; MIDI clock, MTC and LTC, which must land on
/// the sample they name, later. Runs on the audio thread, in the order of its <see cref="MixChain"/>,
/// and must not allocate, lock or block.
/// </summary>
public interface IMixStage
{
    /// <param name="mix">The period's mix, one float channel per output, to change in place.</param>
    /// <param name="position">Where the engine is at the end of this period, as it published it.</param>
    void Process(MixBus mix, in PlaybackPosition position);
}
