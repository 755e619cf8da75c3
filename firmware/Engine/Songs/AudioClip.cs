namespace StageBox.Engine.Songs;

/// <summary>Audio at the device rate, one float array per channel, ready to mix.</summary>
public sealed class AudioClip
{
    public AudioClip(float[][] channels)
    {
        if (channels.Length == 0) throw new ArgumentException("a clip has at least one channel", nameof(channels));
        long length = channels[0].LongLength;
        if (channels.Any(c => c.LongLength != length)) throw new ArgumentException("all channels of a clip have the same length", nameof(channels));
        Channels = channels;
    }

    public float[][] Channels { get; }
    public int ChannelCount => Channels.Length;
    public long Frames => Channels[0].LongLength;
}
