using StageBox.Engine.Mixing;
using StageBox.Hal;

namespace StageBox.Engine.Transport;

/// <summary>
/// The engine's mix through the box's mix stages, in order: what the audio thread sends on to the
/// device, directly (<see cref="RenderPeriod"/>) or through a period stage (<see cref="IPeriodStage"/>).
/// Adding a stage is one more entry in the list the composition root builds.
/// </summary>
public sealed class MixChain
{
    private readonly IMixStage[] _stages;
    private readonly PcmEncoder _encoder;

    public MixChain(PlaybackEngine engine, IReadOnlyList<IMixStage> stages)
    {
        Engine = engine;
        _stages = [.. stages];
        _encoder = new PcmEncoder(engine.Format, engine.PeriodFrames);
    }

    public PlaybackEngine Engine { get; }

    /// <summary>Renders one period and returns its mix after every stage, valid until the next call.</summary>
    public MixBus RenderMix()
    {
        MixBus mix = Engine.RenderMix();
        if (_stages.Length == 0) return mix;
        PlaybackPosition position = Engine.Position.Read();
        foreach (IMixStage stage in _stages) stage.Process(mix, position);
        return mix;
    }

    /// <summary>Renders one period into <paramref name="destination"/> (<see cref="PlaybackEngine.PeriodBytes"/> long), in the device's format.</summary>
    public void RenderPeriod(Span<byte> destination) => _encoder.Encode(RenderMix(), Engine.PeriodFrames, destination);
}
