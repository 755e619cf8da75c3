namespace StageBox.Hal.AudioFiles;

/// <summary>What an audio file's header says: its length, rate and channel count.</summary>
public readonly record struct AudioFileInfo(long Frames, int SampleRate, int Channels)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);
}
