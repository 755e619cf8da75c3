namespace StageBox.Engine.Mixing;

/// <summary>
/// The mix of one period: one float buffer per output channel (planar), preallocated, and a
/// scratch buffer of <c>scratchChannels</c> x frames where a streamed clip copies its samples
/// before mixing them.
/// </summary>
public sealed class MixBus
{
    private readonly float[][] _channels;
    private readonly float[] _scratch;

    public MixBus(int channels, int frames, int scratchChannels = 0)
    {
        _channels = new float[channels][];
        for (int c = 0; c < channels; c++) _channels[c] = new float[frames];
        Frames = frames;
        _scratch = new float[scratchChannels * frames];
        ScratchChannels = scratchChannels;
    }

    /// <summary>How many channels of a streamed clip <see cref="Scratch"/> holds at once.</summary>
    public int ScratchChannels { get; }

    /// <summary>Room for up to <see cref="Frames"/> frames of each of <c>scratchChannels</c> channels, channel c at c x frames.</summary>
    public Span<float> Scratch => _scratch;

    public int ChannelCount => _channels.Length;
    public int Frames { get; }

    public Span<float> Channel(int channel, int offset, int count) => _channels[channel].AsSpan(offset, count);

    public ReadOnlySpan<float> Channel(int channel) => _channels[channel];

    public void Clear()
    {
        foreach (float[] channel in _channels) Array.Clear(channel);
    }

    /// <summary>Applies a linear gain ramp to every channel over [offset, offset + count).</summary>
    public void ApplyRamp(int offset, int count, float startGain, float step)
    {
        foreach (float[] channel in _channels) SampleOps.ApplyRamp(channel.AsSpan(offset, count), startGain, step);
    }
}
