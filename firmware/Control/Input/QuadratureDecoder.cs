namespace StageBox.Control.Input;

/// <summary>
/// Counts the detents of a rotary encoder from the edges of its A and B lines.
/// <para>
/// The two lines step through a Gray-code cycle; clockwise is A leading B:
/// (A,B) = 00 → 10 → 11 → 01 → 00. Every edge of either line moves one step along the cycle, forward or
/// back, so bounce on one line (A toggling while B stays put) walks back and forth and nets zero.
/// </para>
/// <para>
/// A detent is counted when the knob comes to rest at a detent position having travelled a full detent from
/// the last one. The levels at start-up are taken as a detent (the knob sits in a click); with 2 steps per
/// detent the opposite state of the cycle is one too, with 1 every state is. Going part way and back counts
/// nothing, whatever the bounce, and the count cannot go the wrong way.
/// </para>
/// <para>
/// Lost events (a gap in a line's kernel sequence) mean the path is unknown, as if both lines had changed at
/// once: the decoder takes the event's level and drops the steps since the last detent without counting.
/// A gap is only seen on the next event of the line that lost edges, so steps counted on the other line
/// before then may be wrong; they are dropped at the gap unless a detent was completed first.
/// </para>
/// <para>
/// Acceleration (when enabled): a detent less than 40 ms after the previous one in the same direction counts
/// 2, less than 20 ms counts 4. Slow turns and the first detent after a reversal count 1, so fine adjustment
/// stays exact.
/// </para>
/// </summary>
public sealed class QuadratureDecoder
{
    /// <summary>Position of each (A &lt;&lt; 1 | B) state along the clockwise cycle 00, 10, 11, 01.</summary>
    private static readonly int[] CyclePosition = [0, 3, 1, 2];

    private const long FastDetentNanoseconds = 40_000_000;
    private const long VeryFastDetentNanoseconds = 20_000_000;

    private readonly int lineA;
    private readonly int lineB;
    private readonly EncoderSettings settings;
    private readonly int restPosition;

    private LineSequence sequenceA;
    private LineSequence sequenceB;
    private int state;
    /// <summary>Net steps since the knob was last at a detent: between -StepsPerDetent and +StepsPerDetent.</summary>
    private int stepsSinceDetent;
    private int lastDirection;
    private long lastDetentAt;

    /// <param name="levelA">Line A's level at start-up, with the knob at rest in a detent.</param>
    /// <param name="levelB">Line B's level at start-up.</param>
    public QuadratureDecoder(int lineA, int lineB, bool levelA, bool levelB, EncoderSettings settings)
    {
        if (settings.StepsPerDetent is not (1 or 2 or 4))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.StepsPerDetent, "Steps per detent must be 1, 2 or 4.");
        this.lineA = lineA;
        this.lineB = lineB;
        this.settings = settings;
        state = (levelA ? 2 : 0) | (levelB ? 1 : 0);
        restPosition = CyclePosition[state];
    }

    /// <summary>How many edges the kernel reported lost on the two lines.</summary>
    public long LostEvents => sequenceA.Lost + sequenceB.Lost;

    /// <summary>Takes one edge of line A or B; a completed detent is appended to <paramref name="steps"/>.</summary>
    public void OnEdge(in LineEdge edge, List<EncoderStep> steps)
    {
        int next;
        bool eventsLost;
        if (edge.Line == lineA)
        {
            next = (state & 1) | (edge.Level ? 2 : 0);
            eventsLost = sequenceA.Skipped(edge.LineSequence);
        }
        else if (edge.Line == lineB)
        {
            next = (state & 2) | (edge.Level ? 1 : 0);
            eventsLost = sequenceB.Skipped(edge.LineSequence);
        }
        else
            throw new ArgumentException($"Line {edge.Line} is neither A ({lineA}) nor B ({lineB}) of this encoder.", nameof(edge));

        int step = Step(state, next);
        state = next;
        if (eventsLost)
        {
            stepsSinceDetent = 0;
            return;
        }
        stepsSinceDetent += step;
        if ((CyclePosition[state] - restPosition) % settings.StepsPerDetent != 0)
            return;
        // At a detent: a full detent's travel counts; anything less (part way and back, or the remains of a
        // reset) realigns the count to this detent.
        if (Math.Abs(stepsSinceDetent) == settings.StepsPerDetent)
            steps.Add(new EncoderStep(Detent(Math.Sign(stepsSinceDetent), edge.TimestampNanoseconds), edge.TimestampNanoseconds));
        stepsSinceDetent = 0;
    }

    /// <summary>
    /// The transition table in closed form: +1 one step clockwise, -1 one step back, 0 no change (an edge that
    /// repeats the level, e.g. a bounce the kernel read after it settled). A change of both lines is never seen
    /// from single-line edges; it shows up as a sequence gap instead.
    /// </summary>
    private static int Step(int from, int to) => ((CyclePosition[to] - CyclePosition[from]) & 3) switch
    {
        1 => +1,
        3 => -1,
        _ => 0,
    };

    private int Detent(int direction, long at)
    {
        long sinceLast = at - lastDetentAt;
        bool sameDirection = direction == lastDirection;
        lastDirection = direction;
        lastDetentAt = at;
        if (!settings.Accelerate || !sameDirection)
            return direction;
        int factor = sinceLast < VeryFastDetentNanoseconds ? 4 : sinceLast < FastDetentNanoseconds ? 2 : 1;
        return direction * factor;
    }
}
