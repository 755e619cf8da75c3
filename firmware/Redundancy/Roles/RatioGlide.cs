using StageBox.Redundancy.Lockstep;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// Brings a box that has just gone live back to its own crystal: its resampling ratio, steered
/// while it followed (up to <see cref="RateController.MaxCorrection"/> from 1), glides to exactly
/// 1 over <see cref="GlideNs"/> on a raised cosine, so the song no longer runs off by the old
/// correction for the rest of the show. The curve starts and ends flat, so the pitch never turns
/// a corner; its steepest point moves the ratio pi/2 x start / 4 s, at most 3.9 ppm per 10 ms from
/// the largest start (0.007 cent per 10 ms, and the whole glide spans under 2 cents, a small
/// fraction of the smallest pitch change a listener hears). The node sets the ratio each pass; the
/// audio thread takes it, as it always does, once per period.
/// </summary>
internal sealed class RatioGlide(LockstepStage stage)
{
    /// <summary>A few seconds: slow enough that no one hears the pitch move, quick enough that the song is back on the box's own clock within a bar or two.</summary>
    public const long GlideNs = 4_000_000_000;
    /// <summary>
    /// A pass moves the glide on by this much at most, however late it comes: after a stall of the
    /// node thread the ratio goes on gliding rather than stepping, and the glide takes that much longer.
    /// </summary>
    public const long MaxPassNs = 10_000_000;

    private double _from = 1;
    private long _elapsed;
    private long _lastPassAt;

    /// <summary>Whether the ratio is on its way to 1.</summary>
    public bool Gliding { get; private set; }

    /// <summary>The box has gone live: from the ratio it has now to 1 (at 1 already, nothing to do).</summary>
    public void Begin(long now)
    {
        _from = stage.Ratio;
        _elapsed = 0;
        _lastPassAt = now;
        Gliding = _from != 1;
    }

    /// <summary>The box stands by: its ratio is steered again, not glided.</summary>
    public void Stop() => Gliding = false;

    /// <summary>One pass of the live box: the ratio for now, exactly 1 once the glide is over.</summary>
    public void Pass(long now)
    {
        if (!Gliding) return;
        _elapsed += Math.Clamp(now - _lastPassAt, 0, MaxPassNs);
        _lastPassAt = now;
        if (_elapsed >= GlideNs)
        {
            stage.Ratio = 1;
            Gliding = false;
            return;
        }
        double remaining = (1 + Math.Cos(Math.PI * _elapsed / GlideNs)) / 2;
        stage.Ratio = 1 + (_from - 1) * remaining;
    }
}
