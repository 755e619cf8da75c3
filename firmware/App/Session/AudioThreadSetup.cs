using System.Collections.Concurrent;
using StageBox.Hal.Native;

namespace StageBox.App.Session;

/// <summary>
/// Makes the audio thread real-time as configured: memory locked for the process, then on the
/// audio thread itself SCHED_FIFO and an optional CPU. What the kernel refuses becomes a
/// warning, said once; the box then plays at normal priority.
/// </summary>
internal sealed class AudioThreadSetup(AudioSettings audio)
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The audio thread's SCHED_FIFO priority: the box's other real-time thread runs below it.</summary>
    public int RealtimePriority => audio.RealtimePriority;

    /// <summary>Locks memory; called once on the main thread before the audio thread starts.</summary>
    public void LockMemory()
    {
        if (audio.LockMemory && RealTimeScheduling.LockMemory() is string problem) _messages.Enqueue($"warning: {problem}");
    }

    /// <summary>Runs on the audio thread, before its first period.</summary>
    public void ApplyToAudioThread()
    {
        string? refused = RealTimeScheduling.RaiseCallingThread(audio.RealtimePriority);
        _messages.Enqueue(refused is null ? $"audio thread: SCHED_FIFO priority {audio.RealtimePriority}" : $"warning: {refused}; playing at normal priority");
        if (audio.Cpu >= 0 && RealTimeScheduling.PinCallingThread(audio.Cpu) is string problem) _messages.Enqueue($"warning: {problem}");
    }

    /// <summary>Messages not yet said, oldest first.</summary>
    public IEnumerable<string> TakeMessages()
    {
        while (_messages.TryDequeue(out string? message)) yield return message;
    }
}
