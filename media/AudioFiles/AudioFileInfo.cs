namespace StageBox.Media.AudioFiles;

/// <summary>What an audio file's header says: its length, rate and channel count, and the format its content is in.</summary>
public readonly record struct AudioFileInfo(long Frames, int SampleRate, int Channels, AudioFormat Format)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);
}
