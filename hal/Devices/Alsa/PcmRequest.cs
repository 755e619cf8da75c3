namespace StageBox.Hal.Alsa;

/// <summary>What to ask of a playback device; kept so a lost device can be reopened exactly as before.</summary>
public sealed record PcmRequest(string Device, int SampleRate, int Channels, int PeriodFrames, int BufferFrames, IReadOnlyList<SampleFormat> Formats);

/// <summary>An open, configured PCM and what the device granted.</summary>
internal readonly record struct OpenedPcm(nint Handle, PcmFormat Format, int PeriodFrames, int BufferFrames);
