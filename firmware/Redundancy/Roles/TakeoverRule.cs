namespace StageBox.Redundancy.Roles;

public enum Verdict
{
    /// <summary>The live box plays, as every signal says.</summary>
    Playing,
    /// <summary>One signal is lost but the other shows the live box playing: a warning, never a takeover (no split brain).</summary>
    SignalLost,
    /// <summary>The live box has stopped playing: take over.</summary>
    Stopped,
}

/// <summary>
/// When a standby box takes over, from two independent signals: heartbeats over the network,
/// sent only as the live box's audio loop completes periods, and the watchdog line its audio
/// loop toggles every period. It takes over when the live box declares a fault, or when every
/// signal it has has been silent for the timeout. One signal silent while the other shows the
/// live box playing is a cut cable, so it warns instead. Without a line wired, heartbeats alone decide.
/// Silence before the standby last stalled itself does not count (see <c>watchedSince</c>).
/// </summary>
public static class TakeoverRule
{
    /// <summary>A signal late by less than this while the other shows the live box playing is scheduling, not a cut cable: no warning yet.</summary>
    public const long WarnAfterNs = 250_000_000;

    /// <param name="lastBeatAt">When the last heartbeat arrived (CLOCK_MONOTONIC ns).</param>
    /// <param name="lastEdgeAt">When the watchdog line last changed, 0 if never; null when no line is wired.</param>
    /// <param name="watchedSince">
    /// Since when the standby has watched without a stall of its own (0: always). A signal is
    /// silent only for the time since the later of its last sign and this: a standby that slept
    /// may have slept through the live box's signs, or the live box through the same stall.
    /// </param>
    public static (Verdict Verdict, string Why) Judge(long now, long lastBeatAt, long? lastEdgeAt, bool faultDeclared, string fault, long timeoutNs, long watchedSince)
    {
        if (faultDeclared) return (Verdict.Stopped, $"the live box declared: {fault}");
        long beatsSilentFor = now - Math.Max(lastBeatAt, watchedSince);
        bool beatsSilent = beatsSilentFor > timeoutNs;
        if (lastEdgeAt is not long edge) return beatsSilent ? (Verdict.Stopped, $"no heartbeat for {Milliseconds(now - lastBeatAt)}") : (Verdict.Playing, "");
        long lineSilentFor = now - Math.Max(edge, watchedSince);
        bool lineSilent = lineSilentFor > timeoutNs;
        if (beatsSilent && lineSilent) return (Verdict.Stopped, $"no heartbeat for {Milliseconds(now - lastBeatAt)} and the watchdog line still for {Milliseconds(now - edge)}");
        long warnAfter = Math.Max(timeoutNs, WarnAfterNs);
        if (beatsSilentFor > warnAfter) return (Verdict.SignalLost, "link lost; the watchdog line shows the live box playing");
        if (lineSilentFor > warnAfter) return (Verdict.SignalLost, "watchdog line silent; heartbeats show the live box playing");
        return (Verdict.Playing, "");
    }

    private static string Milliseconds(long ns) => ns > 10_000_000_000 ? "over 10 s" : $"{ns / 1e6:0.0} ms";
}
