namespace StageBox.Media.AudioFiles;

/// <summary>Decoded audio: one float array per channel, all the same length.</summary>
public sealed class DecodedAudio(int sampleRate, float[][] channels)
{
    public int SampleRate { get; } = sampleRate;
    public float[][] Channels { get; } = channels;
    public int ChannelCount => Channels.Length;
    public long Frames => Channels.Length == 0 ? 0 : Channels[0].LongLength;
}
