using StageBox.Engine.Mixing;

namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Mutes or opens a box's output with a short linear fade, so a takeover comes in without a
/// click and a box stepping back goes quiet without one. The audio thread alone uses it
/// (<see cref="LockstepStage"/> passes the redundancy thread's wishes on).
/// </summary>
internal sealed class OutputGate(int fadeFrames, bool open)
{
    private bool _open = open;
    private float _gain = open ? 1 : 0;

    public bool IsOpen => _open;

    public void Open() => _open = true;

    public void Close() => _open = false;

    /// <summary>Open at full level from the next frame: the fade-in was already played (on the audio thread only).</summary>
    public void OpenAtOnce()
    {
        _open = true;
        _gain = 1;
    }

    public void Apply(MixBus bus, int frames)
    {
        float target = _open ? 1 : 0;
        float step = 1f / fadeFrames;
        int faded = 0;
        if (_gain != target)
        {
            float distance = Math.Abs(target - _gain);
            faded = Math.Min(frames, (int)Math.Ceiling(distance / step));
            float signedStep = target > _gain ? step : -step;
            bus.ApplyRamp(0, faded, _gain, signedStep);
            _gain = faded * step >= distance ? target : _gain + signedStep * faded;
        }
        // What follows a finished fade-out is silence.
        if (_gain == 0 && faded < frames) bus.ApplyRamp(faded, frames - faded, 0, 0);
    }
}
