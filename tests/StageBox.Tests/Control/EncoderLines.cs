using StageBox.Control.Input;

namespace StageBox.Tests.Control;

/// <summary>The A and B lines of a synthetic rotary encoder, at rest at 00, turned one Gray-code step at a time.</summary>
internal sealed class EncoderLines
{
    public const int LineA = 20;
    public const int LineB = 21;

    private bool a;
    private bool b;
    private uint sequenceA;
    private uint sequenceB;

    public EncoderLines(EncoderSettings settings) => Decoder = new QuadratureDecoder(LineA, LineB, a, b, settings);

    public QuadratureDecoder Decoder { get; }
    public List<EncoderStep> Steps { get; } = [];
    public int Detents => Steps.Sum(s => s.Detents);

    /// <summary>One step along the cycle: clockwise (A leads B) 00 → 10 → 11 → 01.</summary>
    public void Step(bool clockwise, double ms)
    {
        // Clockwise, A moves when the lines agree; counter-clockwise, B does.
        if ((a == b) == clockwise)
            ToggleA(ms);
        else
            ToggleB(ms);
    }

    /// <summary><paramref name="count"/> steps, one every <paramref name="intervalMs"/>; returns the time after the last.</summary>
    public double Turn(bool clockwise, int count, double startMs, double intervalMs)
    {
        for (int i = 0; i < count; i++)
            Step(clockwise, startMs + i * intervalMs);
        return startMs + count * intervalMs;
    }

    public void ToggleA(double ms)
    {
        a = !a;
        Decoder.OnEdge(new LineEdge(LineA, a, SwitchLine.Ns(ms), ++sequenceA), Steps);
    }

    public void ToggleB(double ms)
    {
        b = !b;
        Decoder.OnEdge(new LineEdge(LineB, b, SwitchLine.Ns(ms), ++sequenceB), Steps);
    }

    /// <summary>Line B changes without the decoder seeing it: the kernel numbered the edge but it was lost.</summary>
    public void LoseB()
    {
        b = !b;
        sequenceB++;
    }
}
