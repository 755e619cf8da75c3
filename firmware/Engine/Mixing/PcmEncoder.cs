using StageBox.Hal;

namespace StageBox.Engine.Mixing;

/// <summary>Turns the planar float mix into the device's interleaved frames, through the one <see cref="SampleEncoder"/>.</summary>
public sealed class PcmEncoder(PcmFormat format, int maxFrames)
{
    private readonly float[] _interleaved = new float[maxFrames * format.Channels];

    public PcmFormat Format => format;

    /// <summary>Encodes <paramref name="frames"/> frames of <paramref name="bus"/> into <paramref name="destination"/>.</summary>
    public void Encode(MixBus bus, int frames, Span<byte> destination)
    {
        int channels = format.Channels;
        Span<float> interleaved = _interleaved.AsSpan(0, frames * channels);
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> channel = bus.Channel(c)[..frames];
            Span<float> column = interleaved[c..];
            for (int f = 0, i = 0; f < channel.Length; f++, i += channels) column[i] = channel[f];
        }
        SampleEncoder.Encode(interleaved, format.Sample, destination);
    }
}
