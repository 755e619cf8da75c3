namespace StageBox.Engine.Mixing;

/// <summary>
/// A steady sine on one output while the transport plays, for the external switchers that
/// sense a pilot tone (iConnectivity PlayAUDIO12, Radial SW8): the tone stopping is what tells
/// them to switch. It fades in and out over one period, so it is gone within one period of a
/// stop and never clicks on the switcher's input. Allocates nothing after construction.
/// </summary>
public sealed class PilotTone
{
    private readonly double _phaseStep;
    private readonly float _level;
    private double _phase;
    private float _gain;

    /// <param name="channel">0-based output the tone goes to, replacing whatever else is routed there.</param>
    public PilotTone(int channel, double frequencyHz, double levelDb, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2.0))
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, $"the pilot tone must lie between 0 and {sampleRate / 2} Hz");
        if (!(levelDb <= 0)) throw new ArgumentOutOfRangeException(nameof(levelDb), levelDb, "the pilot tone's level is at most 0 dBFS");
        Channel = channel;
        _phaseStep = 2 * Math.PI * frequencyHz / sampleRate;
        _level = Decibels.ToGain(levelDb);
    }

    public int Channel { get; }

    /// <summary>Writes the period's tone into its channel of <paramref name="bus"/>; <paramref name="sounding"/>: the transport plays.</summary>
    public void Render(MixBus bus, bool sounding)
    {
        Span<float> samples = bus.Channel(Channel, 0, bus.Frames);
        float target = sounding ? 1 : 0;
        float step = (target - _gain) / samples.Length;
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)Math.Sin(_phase) * _level * (_gain + step * i);
            _phase += _phaseStep;
        }
        _phase %= 2 * Math.PI;
        _gain = target;
    }
}
