using StageBox.Engine.Mixing;
using StageBox.Engine.Transport;
using StageBox.Hal;

namespace StageBox.Redundancy.Switcher;

/// <summary>
/// A steady sine on one output while the transport plays, for the external switchers that
/// sense a pilot tone (iConnectivity PlayAUDIO12, Radial SW8): the tone stopping is what tells
/// them to switch. It fades in and out over one period, so it is gone within one period of a
/// stop and never clicks on the switcher's input. Allocates nothing after construction.
/// </summary>
public sealed class PilotTone : IMixStage
{
    private readonly double _phaseStep;
    private readonly float _level;
    private double _phase;
    private float _gain;

    /// <param name="channel">0-based output the tone goes to, replacing whatever else is routed there.</param>
    /// <param name="format">The device's: the tone's output must be one of its channels.</param>
    public PilotTone(int channel, double frequencyHz, double levelDb, PcmFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        if (channel >= format.Channels)
            throw new ArgumentException($"the pilot tone is set on output {channel + 1} but the device has {format.Channels}");
        int sampleRate = format.SampleRate;
        if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2.0))
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, $"the pilot tone must lie between 0 and {sampleRate / 2} Hz");
        if (!(levelDb <= 0)) throw new ArgumentOutOfRangeException(nameof(levelDb), levelDb, "the pilot tone's level is at most 0 dBFS");
        Channel = channel;
        _phaseStep = 2 * Math.PI * frequencyHz / sampleRate;
        _level = Decibels.ToGain(levelDb);
    }

    public int Channel { get; }

    /// <summary>Writes the period's tone into its channel of <paramref name="mix"/>: sounding while the transport plays (the count-in too).</summary>
    public void Process(MixBus mix, in PlaybackPosition position)
    {
        Span<float> samples = mix.Channel(Channel, 0, mix.Frames);
        float target = position.State is TransportState.CountIn or TransportState.Playing ? 1 : 0;
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
