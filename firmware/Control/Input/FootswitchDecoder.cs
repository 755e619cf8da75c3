namespace StageBox.Control.Input;

/// <summary>
/// Turns one footswitch's edges into gestures, on top of the kernel's debounce.
/// <list type="bullet">
/// <item>Press is reported on the first edge to active, with no wait: stage latency matters more than anything.</item>
/// <item>Release is reported once the line has stayed inactive for <see cref="FootswitchSettings.Debounce"/>
/// (seen on a <see cref="Tick"/> or the next edge). Any edge to active before then is bounce and cancels it,
/// so a stomp that rings for up to the debounce time, at either end, is one Press and one Release.
/// The Release carries the timestamp of the edge after which the line stayed quiet.</item>
/// <item>LongPress fires once per hold, when the hold reaches <see cref="FootswitchSettings.LongPress"/>;
/// a hold ends at its release edge, so letting go just before the threshold never makes one.</item>
/// <item>DoublePress (only when enabled): every press is still reported at once as a Press, and a second press
/// within the window adds a DoublePress right after its Press. The alternative, holding single presses back
/// until the window has passed, would make every stomp late on stage; actions bound to both must tolerate
/// the Press that precedes the DoublePress.</item>
/// <item>Lost events (a gap in the kernel's sequence): the decoder takes the level of the event as the truth.
/// An active level found that way is a hold whose start is unknown: it is followed silently (no Press, LongPress
/// or Release), because reporting it would be a press at the wrong time, or one that never happened.</item>
/// </list>
/// </summary>
public sealed class FootswitchDecoder(FootswitchSettings settings)
{
    private readonly long debounce = Nanoseconds(settings.Debounce);
    private readonly long longPress = Nanoseconds(settings.LongPress);
    private readonly long doublePressWindow = Nanoseconds(settings.DoublePressWindow);

    private LineSequence sequence;
    private bool held;
    /// <summary>False for a hold picked up after lost events, which is never reported.</summary>
    private bool heldReported;
    private long pressedAt;
    private bool longPressReported;
    /// <summary>While held: the edge to inactive whose quiet time is being measured, if the line is inactive.</summary>
    private long? letGoAt;
    /// <summary>The press that a next press would pair with into a DoublePress.</summary>
    private long? unpairedPressAt;

    /// <summary>How many edges the kernel reported lost on this line.</summary>
    public long LostEvents => sequence.Lost;

    public void OnEdge(in LineEdge edge, List<FootswitchEvent> events)
    {
        bool eventsLost = sequence.Skipped(edge.LineSequence);
        if (eventsLost)
            unpairedPressAt = null;
        Tick(edge.TimestampNanoseconds, events);

        if (!edge.Level)
        {
            if (held)
                letGoAt = edge.TimestampNanoseconds;
        }
        else if (held)
            letGoAt = null; // bounce, or a glitch in the middle of a hold
        else
            Press(edge.TimestampNanoseconds, reported: !eventsLost, events);
    }

    /// <summary>Lets time pass without an edge, so long presses and releases are seen when the line is quiet.</summary>
    public void Tick(long nowNanoseconds, List<FootswitchEvent> events)
    {
        if (!held)
            return;
        long heldUntil = letGoAt ?? nowNanoseconds;
        if (!longPressReported && heldUntil - pressedAt >= longPress)
        {
            longPressReported = true;
            Report(FootswitchGesture.LongPress, pressedAt, events);
        }
        if (letGoAt is long releasedAt && nowNanoseconds - releasedAt >= debounce)
        {
            held = false;
            letGoAt = null;
            Report(FootswitchGesture.Release, releasedAt, events);
        }
    }

    private void Press(long at, bool reported, List<FootswitchEvent> events)
    {
        held = true;
        heldReported = reported;
        pressedAt = at;
        longPressReported = false;
        Report(FootswitchGesture.Press, at, events);
        if (!reported || !settings.DoublePress)
            return;
        if (unpairedPressAt is long first && at - first <= doublePressWindow)
        {
            unpairedPressAt = null; // a third press starts a new pair rather than making a second double
            Report(FootswitchGesture.DoublePress, at, events);
        }
        else
            unpairedPressAt = at;
    }

    private void Report(FootswitchGesture gesture, long at, List<FootswitchEvent> events)
    {
        if (heldReported)
            events.Add(new FootswitchEvent(gesture, at));
    }

    private static long Nanoseconds(TimeSpan span) => span.Ticks * TimeSpan.NanosecondsPerTick;
}
