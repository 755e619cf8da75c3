using System.Numerics;
using System.Runtime.InteropServices;
using StageBox.Engine.Mixing;

namespace StageBox.Redundancy.Lockstep;

/// <summary>
/// Plays the engine's mix a hair faster or slower than the device's clock, so a standby box
/// keeps in step with its live peer although the two crystals differ by tens of ppm: the
/// method of zita-ajbridge and alsa_in (a variable-ratio resampler steered by a control loop),
/// rather than dropping or repeating samples, which clicks. Each output frame is interpolated
/// with a Kaiser-windowed sinc of <see cref="Taps"/> taps from a table of <see cref="Phases"/>
/// fractional positions (linearly between neighbours), flat to about 20 kHz at 48 kHz. At a
/// ratio of exactly 1 and phase 0 the kernel is a unit impulse, so a box that never had to
/// correct plays the engine's samples untouched (the engine renders <see cref="HalfTaps"/> frames further ahead).
/// Planar, preallocated; nothing allocates after construction.
/// </summary>
public sealed class VariableRateResampler
{
    public const int HalfTaps = 32;
    public const int Taps = 2 * HalfTaps;
    public const int Phases = 512;
    /// <summary>About 80 dB of stopband; with 64 taps the response stays flat to about 20 kHz at 48 kHz.</summary>
    private const double KaiserBeta = 8.0;

    private static readonly float[] SharedTable = BuildTable();

    /// <summary>
    /// The shared table, read here so that it is built (400 KB, once) on the thread that makes a
    /// resampler: a static is built at its first use, which would otherwise be on the audio thread.
    /// </summary>
    private readonly float[] _table = SharedTable;
    private readonly float[][] _input;
    private readonly float[] _kernel = new float[Taps];
    private int _count;
    /// <summary>Input position (index into the buffer, fractional) of the next output frame's centre.</summary>
    private double _position;

    public VariableRateResampler(int channels, int capacityFrames)
    {
        _input = new float[channels][];
        for (int c = 0; c < channels; c++) _input[c] = new float[capacityFrames + Taps];
        Reset();
    }

    /// <summary>Input frames queued beyond the next output frame's centre: how far the engine is ahead of the output.</summary>
    public double PendingFrames => _count - _position;

    /// <summary>Empties the queue: the next frame appended is the next frame out, <see cref="HalfTaps"/> frames of silence first.</summary>
    public void Reset()
    {
        foreach (float[] channel in _input) Array.Clear(channel);
        _count = HalfTaps;
        _position = HalfTaps;
    }

    /// <summary>True when <paramref name="frames"/> output frames at <paramref name="ratio"/> input frames each can be made from what is queued.</summary>
    public bool CanProduce(int frames, double ratio) => _position + (frames - 1) * ratio + HalfTaps + 1 < _count;

    public void Append(MixBus mix)
    {
        for (int c = 0; c < _input.Length; c++) mix.Channel(c).CopyTo(_input[c].AsSpan(_count));
        _count += mix.Frames;
    }

    /// <summary>Fills the first <paramref name="frames"/> of every channel of <paramref name="output"/>, taking <paramref name="ratio"/> input frames per output frame.</summary>
    public void Produce(MixBus output, int frames, double ratio)
    {
        for (int f = 0; f < frames; f++)
        {
            int centre = (int)_position;
            double fraction = _position - centre;
            int first = centre - HalfTaps + 1;
            if (fraction == 0)
            {
                for (int c = 0; c < _input.Length; c++) output.Channel(c, f, 1)[0] = _input[c][centre];
            }
            else
            {
                FillKernel(fraction);
                for (int c = 0; c < _input.Length; c++) output.Channel(c, f, 1)[0] = Dot(_input[c].AsSpan(first, Taps), _kernel);
            }
            _position += ratio;
        }
        Discard();
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> kernel)
    {
        ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        ReadOnlySpan<Vector<float>> kv = MemoryMarshal.Cast<float, Vector<float>>(kernel);
        Vector<float> sum = Vector<float>.Zero;
        for (int v = 0; v < xv.Length; v++) sum += xv[v] * kv[v];
        float total = Vector.Sum(sum);
        for (int k = xv.Length * Vector<float>.Count; k < x.Length; k++) total += x[k] * kernel[k];
        return total;
    }

    /// <summary>The kernel for an output frame <paramref name="fraction"/> of a frame past an input frame: tap k weighs input centre - HalfTaps + 1 + k.</summary>
    private void FillKernel(double fraction)
    {
        double table = fraction * Phases;
        int phase = (int)table;
        float blend = (float)(table - phase);
        ReadOnlySpan<float> a = _table.AsSpan(phase * Taps, Taps);
        ReadOnlySpan<float> b = _table.AsSpan((phase + 1) * Taps, Taps);
        for (int k = 0; k < Taps; k++) _kernel[k] = a[k] + (b[k] - a[k]) * blend;
    }

    /// <summary>Drops input no later output frame needs, keeping the filter's history.</summary>
    private void Discard()
    {
        int keepFrom = (int)_position - HalfTaps + 1;
        if (keepFrom <= 0) return;
        foreach (float[] channel in _input) channel.AsSpan(keepFrom, _count - keepFrom).CopyTo(channel);
        _count -= keepFrom;
        _position -= keepFrom;
    }

    /// <summary>Phases + 1 rows (the last is phase 0 of the next frame) of Taps weights.</summary>
    private static float[] BuildTable()
    {
        var table = new float[(Phases + 1) * Taps];
        double i0Beta = BesselI0(KaiserBeta);
        for (int phase = 0; phase <= Phases; phase++)
        {
            double fraction = (double)phase / Phases;
            double sum = 0;
            var row = new double[Taps];
            for (int k = 0; k < Taps; k++)
            {
                // Distance from the output position to input tap k.
                double t = k - (HalfTaps - 1) - fraction;
                double window = Math.Abs(t) >= HalfTaps ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - t * t / (HalfTaps * HalfTaps))) / i0Beta;
                double sinc = t == 0 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
                row[k] = sinc * window;
                sum += row[k];
            }
            // Unity gain at DC; phase 0 (and its twin at the end) is an exact unit impulse.
            for (int k = 0; k < Taps; k++)
                table[phase * Taps + k] = phase % Phases == 0 ? (k == HalfTaps - 1 + phase / Phases ? 1 : 0) : (float)(row[k] / sum);
        }
        return table;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (int k = 1; k < 50; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
        }
        return sum;
    }
}
