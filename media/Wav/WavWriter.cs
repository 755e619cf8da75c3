using System.Buffers.Binary;
using StageBox.Hal;

namespace StageBox.Media.Wav;

/// <summary>
/// Streams interleaved PCM frames into a RIFF/WAVE file. The header goes out first with zero
/// sizes; <see cref="Dispose"/> patches them, so a render needs no idea of its length up front.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const int FileBufferBytes = 1 << 16;
    private const int PlanarChunkFrames = 4096;

    private readonly FileStream _file;
    private readonly WavHeader _header;
    private long _dataBytes;
    private bool _disposed;

    /// <param name="unbuffered">Each write goes to the kernel at once, so a process killed mid-recording leaves every frame it wrote (with zero sizes in the header).</param>
    public WavWriter(string path, PcmFormat format, bool unbuffered = false)
    {
        if (format.SampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(format), format.SampleRate, "the sample rate must be positive");
        if (format.Channels is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(format), format.Channels, $"a WAV file holds 1 to {ushort.MaxValue} channels");
        Format = format;
        _header = WavHeader.For(format);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, unbuffered ? 0 : FileBufferBytes);
        try
        {
            _file.Write(_header.Bytes);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public PcmFormat Format { get; }

    /// <summary>Where the sample data starts in the file.</summary>
    public int HeaderBytes => _header.Bytes.Length;

    public long FramesWritten => _dataBytes / Format.BytesPerFrame;

    /// <summary>Appends whole frames. Does not allocate.</summary>
    public void Write(ReadOnlySpan<byte> interleavedFrames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Format.WholeFramesIn(interleavedFrames);
        // The RIFF size field is 32 bits; +1 leaves room for the pad byte an odd-sized data chunk needs.
        long riffSize = _header.Bytes.Length - WavHeader.RiffPreambleBytes + _dataBytes + interleavedFrames.Length + 1;
        if (riffSize > uint.MaxValue)
            throw new InvalidOperationException("a WAV file holds at most 4 GiB; this one would grow past it, so write a shorter or narrower render");
        _file.Write(interleavedFrames);
        _dataBytes += interleavedFrames.Length;
    }

    /// <summary>Takes back the last <paramref name="frames"/> frames written (at most all of them); the next write replaces them.</summary>
    public void Rewind(long frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long bytes = Math.Min(frames, FramesWritten) * Format.BytesPerFrame;
        _file.Position -= bytes;
        _dataBytes -= bytes;
    }

    /// <summary>Writes <paramref name="channels"/> (one array per channel, equal lengths) as a WAV file, clamped to [-1, 1].</summary>
    public static void WritePlanarFloat(string path, int sampleRate, float[][] channels, SampleFormat format)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0)
            throw new ArgumentException("at least one channel is needed", nameof(channels));
        long frames = channels[0].LongLength;
        if (channels.Any(channel => channel.LongLength != frames))
            throw new ArgumentException("all channels must hold the same number of frames", nameof(channels));

        var pcm = new PcmFormat(sampleRate, channels.Length, format);
        using var writer = new WavWriter(path, pcm);
        var interleaved = new float[PlanarChunkFrames * pcm.Channels];
        var encoded = new byte[PlanarChunkFrames * pcm.BytesPerFrame];
        for (long start = 0; start < frames; start += PlanarChunkFrames)
        {
            int count = (int)Math.Min(PlanarChunkFrames, frames - start);
            for (int frame = 0; frame < count; frame++)
                for (int channel = 0; channel < pcm.Channels; channel++)
                    interleaved[frame * pcm.Channels + channel] = channels[channel][start + frame];
            SampleEncoder.Encode(interleaved.AsSpan(0, count * pcm.Channels), format, encoded);
            writer.Write(encoded.AsSpan(0, count * pcm.BytesPerFrame));
        }
    }

    /// <summary>Pads the data chunk to an even length as RIFF requires, then patches the sizes into the header.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        using (_file)
        {
            if (_dataBytes % 2 == 1) _file.WriteByte(0);
            Patch(WavHeader.RiffSizeOffset, _file.Length - WavHeader.RiffPreambleBytes);
            Patch(_header.DataSizeOffset, _dataBytes);
            if (_header.FactFramesOffset >= 0) Patch(_header.FactFramesOffset, FramesWritten);
        }
    }

    private void Patch(int offset, long value)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(field, checked((uint)value));
        _file.Position = offset;
        _file.Write(field);
    }
}
