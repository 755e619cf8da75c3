using StageBox.Engine.Transport;

namespace StageBox.App.Session;

/// <summary>
/// Says in the log, when it happens, that the audio thread allocated after its warm-up (the rule
/// is that it never does), with the period and where the show was. The status file and the exit
/// summary give the total; this line's moment, beside the log's others (an import, a takeover, a
/// device lost), names the path that did it.
/// </summary>
internal sealed class AudioThreadAllocationWatch(RenderHealth health, Action<string> log)
{
    private long _reported;

    /// <summary>Control thread, at each look: logs what the audio thread allocated since the last one, if anything.</summary>
    public void Observe(in PlaybackPosition position)
    {
        long allocated = health.AllocatedBytesAfterWarmUp;
        if (allocated == _reported) return;
        log($"the audio thread allocated {allocated - _reported} bytes by its period {health.PeriodsAfterWarmUp} after warm-up ({allocated} in all), "
            + $"transport {position.State}, song {position.SongIndex + 1}");
        _reported = allocated;
    }
}
