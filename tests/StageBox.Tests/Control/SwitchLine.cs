using StageBox.Control.Input;

namespace StageBox.Tests.Control;

/// <summary>
/// A footswitch line driven by a synthetic event stream: numbers edges like the kernel and runs the
/// 5 ms timer between them, all in synthetic time (milliseconds from start).
/// </summary>
internal sealed class SwitchLine(FootswitchSettings settings)
{
    private const double TickMs = 5;
    private uint sequence;
    private double now;

    public FootswitchDecoder Decoder { get; } = new(settings);
    public List<FootswitchEvent> Events { get; } = [];

    public static long Ns(double ms) => (long)Math.Round(ms * 1_000_000);

    public void Edge(double ms, bool level)
    {
        RunUntil(ms);
        Decoder.OnEdge(new LineEdge(Line: 7, level, Ns(ms), ++sequence), Events);
    }

    /// <summary>The kernel numbered <paramref name="count"/> edges that never reach the decoder.</summary>
    public void Lose(uint count) => sequence += count;

    /// <summary>Runs the timer up to <paramref name="ms"/>.</summary>
    public void RunUntil(double ms)
    {
        for (double next = Math.Floor(now / TickMs) * TickMs + TickMs; next <= ms; next += TickMs)
            Decoder.Tick(Ns(next), Events);
        now = Math.Max(now, ms);
    }

    /// <summary>
    /// A contact that changes to <paramref name="settlesAt"/> at <paramref name="startMs"/> and rings, one edge every
    /// <paramref name="intervalMs"/>, until it settles there at <paramref name="untilMs"/>.
    /// </summary>
    public void Ring(double startMs, double untilMs, double intervalMs, bool settlesAt)
    {
        bool level = settlesAt;
        for (double t = startMs; t < untilMs; t += intervalMs, level = !level)
            Edge(t, level);
        if (level == settlesAt)
            Edge(untilMs, settlesAt);
    }

    public FootswitchEvent[] Of(FootswitchGesture gesture) => Events.Where(e => e.Gesture == gesture).ToArray();
}
