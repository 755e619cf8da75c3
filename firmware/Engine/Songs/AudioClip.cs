using StageBox.Engine.Mixing;

namespace StageBox.Engine.Songs;

/// <summary>
/// Audio at the device rate that the mixer plays: held in memory (<see cref="MemoryClip"/>) or
/// streamed from disk by a read-ahead thread (<see cref="Streaming.StreamedClip"/>).
/// </summary>
public abstract class AudioClip
{
    public abstract int ChannelCount { get; }
    public abstract long Frames { get; }

    /// <summary>
    /// On the audio thread: adds clip frames [<paramref name="clipFrame"/>, +<paramref name="count"/>)
    /// along <paramref name="routes"/> into the bus at <paramref name="busOffset"/>, under a gain
    /// from <paramref name="startGain"/> moving by <paramref name="step"/> per frame. Returns how
    /// many of those frames were not there to play (a streamed clip whose read-ahead fell behind),
    /// which stay silent. Never allocates, locks or blocks.
    /// </summary>
    public abstract int MixInto(long clipFrame, int count, OutputRoute[] routes, MixBus bus, int busOffset, float startGain, float step);

    /// <summary>The route's source channel samples into its output, at the route's gain times the ramp.</summary>
    protected static void MixRoute(ReadOnlySpan<float> source, OutputRoute route, MixBus bus, int busOffset, float startGain, float step)
    {
        Span<float> destination = bus.Channel(route.Output, busOffset, source.Length);
        if (step == 0) SampleOps.AddScaled(destination, source, route.Gain * startGain);
        else SampleOps.AddRamped(destination, source, route.Gain * startGain, route.Gain * step);
    }
}

/// <summary>Audio decoded into memory, one float array per channel.</summary>
public sealed class MemoryClip : AudioClip
{
    public MemoryClip(float[][] channels)
    {
        if (channels.Length == 0) throw new ArgumentException("a clip has at least one channel", nameof(channels));
        long length = channels[0].LongLength;
        if (channels.Any(c => c.LongLength != length)) throw new ArgumentException("all channels of a clip have the same length", nameof(channels));
        Channels = channels;
    }

    public float[][] Channels { get; }
    public override int ChannelCount => Channels.Length;
    public override long Frames => Channels[0].LongLength;

    public override int MixInto(long clipFrame, int count, OutputRoute[] routes, MixBus bus, int busOffset, float startGain, float step)
    {
        foreach (OutputRoute route in routes)
            MixRoute(Channels[route.SourceChannel].AsSpan((int)clipFrame, count), route, bus, busOffset, startGain, step);
        return 0;
    }
}
