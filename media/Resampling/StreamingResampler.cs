using System.Runtime.InteropServices;
using StageBox.Media.Native;

namespace StageBox.Media.Resampling;

/// <summary>
/// Converts an interleaved float signal of any length between sample rates with libsoxr at its
/// high quality, a block at a time, so a long stem is converted in bounded memory. Gives exactly
/// round(frames × to / from) frames in all, as <see cref="Resampler.Resample"/> does for a whole signal.
/// </summary>
public sealed unsafe class StreamingResampler : IDisposable
{
    private readonly int _channels;
    private readonly long _expectedOutputFrames;
    private nint _soxr;
    private long _outputFrames;

    /// <param name="inputFrames">The input's whole length, which fixes the output's.</param>
    public StreamingResampler(int fromRate, int toRate, int channels, long inputFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        _channels = channels;
        _expectedOutputFrames = (inputFrames * toRate + fromRate / 2) / fromRate;
        Soxr.IoSpec ioSpec = Soxr.CreateIoSpec(Soxr.Float32Interleaved, Soxr.Float32Interleaved);
        Soxr.QualitySpec qualitySpec = Soxr.CreateQualitySpec(new CULong(Soxr.HighQuality), new CULong(0));
        nint error;
        _soxr = Soxr.Create(fromRate, toRate, (uint)channels, &error, &ioSpec, &qualitySpec, null);
        if (_soxr == 0)
            throw new InvalidOperationException($"libsoxr could not set up {fromRate} Hz to {toRate} Hz: {Marshal.PtrToStringUTF8(error)}");
    }

    /// <summary>
    /// Feeds <paramref name="input"/> (whole frames) and hands each block of output to
    /// <paramref name="write"/>, using <paramref name="output"/> as the block's buffer.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output, OutputBlock write)
    {
        int frames = input.Length / _channels;
        fixed (float* inputPointer = input)
        {
            for (int used = 0; used < frames;)
                used += Run(inputPointer + used * _channels, frames - used, output, write).Consumed;
        }
    }

    /// <summary>Flushes what soxr still holds once the input has ended, then pads or trims to the exact length.</summary>
    public void Finish(Span<float> output, OutputBlock write)
    {
        while (Run(null, 0, output, write).Produced > 0) { }
        output.Clear();
        while (_outputFrames < _expectedOutputFrames)
        {
            int frames = (int)Math.Min(output.Length / _channels, _expectedOutputFrames - _outputFrames);
            write(output[..(frames * _channels)]);
            _outputFrames += frames;
        }
    }

    /// <summary>One soxr_process call (null input: flush); passes on output up to the exact length.</summary>
    private (int Consumed, int Produced) Run(float* input, int inputFrames, Span<float> output, OutputBlock write)
    {
        nuint used = 0, done;
        nint error;
        fixed (float* outputPointer = output)
            error = Soxr.Process(_soxr, input, (nuint)inputFrames, &used, outputPointer, (nuint)(output.Length / _channels), &done);
        if (error != 0) throw new InvalidOperationException($"libsoxr failed: {Marshal.PtrToStringUTF8(error)}");
        long keep = Math.Clamp((long)done, 0, _expectedOutputFrames - _outputFrames);
        if (keep > 0) write(output[..(int)(keep * _channels)]);
        _outputFrames += keep;
        return ((int)used, (int)done);
    }

    public void Dispose()
    {
        if (_soxr == 0) return;
        Soxr.Delete(_soxr);
        _soxr = 0;
    }
}

/// <summary>A block of interleaved output frames, valid only during the call.</summary>
public delegate void OutputBlock(ReadOnlySpan<float> frames);
