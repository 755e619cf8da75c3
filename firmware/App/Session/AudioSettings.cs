using StageBox.Hal;

namespace StageBox.App.Session;

/// <summary>The audio interface and the audio thread: the ALSA device, its format and buffer, and how the thread runs.</summary>
public sealed class AudioSettings
{
    /// <summary>ALSA PCM name of the interface (hw:1,0, plughw:..., default).</summary>
    public string Device { get; set; } = "default";
    public int Rate { get; set; } = 48_000;
    public int PeriodFrames { get; set; } = 256;
    public int BufferFrames { get; set; } = 1024;
    public int Channels { get; set; } = 8;
    /// <summary>SCHED_FIFO priority of the audio thread (1-99), the only real-time thread.</summary>
    public int RealtimePriority { get; set; } = 80;

    /// <summary>CPU to pin the audio thread to; -1 leaves it to the scheduler.</summary>
    public int Cpu { get; set; } = -1;

    /// <summary>Lock the process's memory (as it is touched) so a page fault never stalls the audio.</summary>
    public bool LockMemory { get; set; } = true;

    /// <summary>The sample format wanted; when the device does not take it, the best it does (float, then 32, 24 and 16 bit).</summary>
    public SampleFormat Format { get; set; } = SampleFormat.Float32;

    public PcmFormat PcmFormat => new(Rate, Channels, Format);

    /// <summary>Formats to offer the device, the configured one first.</summary>
    public IReadOnlyList<SampleFormat> FormatPreference =>
        new[] { Format, SampleFormat.Float32, SampleFormat.S32, SampleFormat.S24_3LE, SampleFormat.S16 }.Distinct().ToArray();
}
