using System.Buffers.Binary;
using StageBox.Hal;

namespace StageBox.Media.Wav;

/// <summary>
/// The RIFF/WAVE header for a <see cref="PcmFormat"/>, with zero sizes to be patched once the
/// length is known. Follows Microsoft's rule for WAVE_FORMAT_EXTENSIBLE: used when there are
/// more than two channels or integer samples wider than 16 bits; mono and stereo S16 and
/// Float32 keep the plain tags every reader knows. Float formats carry the "fact" chunk the
/// spec asks of every non-PCM format.
/// </summary>
internal sealed class WavHeader
{
    public const int RiffSizeOffset = 4;
    /// <summary>Bytes of the RIFF chunk not counted by its size field: the "RIFF" id and the size itself.</summary>
    public const int RiffPreambleBytes = 8;

    private const ushort FormatPcm = 0x0001;
    private const ushort FormatIeeeFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ExtensibleExtraBytes = 22;

    /// <summary>The tail shared by KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT; the first two bytes hold the plain tag.</summary>
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private WavHeader(byte[] bytes, int dataSizeOffset, int factFramesOffset)
    {
        Bytes = bytes;
        DataSizeOffset = dataSizeOffset;
        FactFramesOffset = factFramesOffset;
    }

    public byte[] Bytes { get; }
    public int DataSizeOffset { get; }
    /// <summary>Where the fact chunk's frame count sits, or -1 when the format has no fact chunk.</summary>
    public int FactFramesOffset { get; }

    public static WavHeader For(PcmFormat format)
    {
        bool isFloat = format.Sample == SampleFormat.Float32;
        int bits = format.BytesPerSample * 8;
        bool extensible = format.Channels > 2 || (!isFloat && bits > 16);
        ushort plainTag = isFloat ? FormatIeeeFloat : FormatPcm;
        int fmtBodyBytes = extensible ? 18 + ExtensibleExtraBytes : isFloat ? 18 : 16;
        int factBytes = isFloat ? 12 : 0;

        var bytes = new byte[12 + 8 + fmtBodyBytes + factBytes + 8];
        var writer = new LittleEndianWriter(bytes);
        writer.Id("RIFF"); writer.U32(0); writer.Id("WAVE");

        writer.Id("fmt "); writer.U32((uint)fmtBodyBytes);
        writer.U16(extensible ? FormatExtensible : plainTag);
        writer.U16((ushort)format.Channels);
        writer.U32((uint)format.SampleRate);
        writer.U32((uint)(format.SampleRate * format.BytesPerFrame));
        writer.U16((ushort)format.BytesPerFrame);
        writer.U16((ushort)bits);
        if (extensible)
        {
            writer.U16(ExtensibleExtraBytes);
            writer.U16((ushort)bits); // valid bits: every container bit carries audio
            writer.U32(ChannelMask(format.Channels));
            writer.U16(plainTag);
            writer.Bytes(SubFormatGuidTail);
        }
        else if (isFloat)
        {
            writer.U16(0); // cbSize: no extension
        }

        int factFramesOffset = -1;
        if (isFloat)
        {
            writer.Id("fact"); writer.U32(4);
            factFramesOffset = writer.Position;
            writer.U32(0);
        }

        writer.Id("data");
        int dataSizeOffset = writer.Position;
        writer.U32(0);
        return new WavHeader(bytes, dataSizeOffset, factFramesOffset);
    }

    /// <summary>
    /// Mono and stereo get their speaker positions; wider files carry the box's numbered outputs,
    /// which are no speaker layout, so their mask says "not assigned".
    /// </summary>
    private static uint ChannelMask(int channels) => channels switch
    {
        1 => 0x4, // SPEAKER_FRONT_CENTER
        2 => 0x3, // SPEAKER_FRONT_LEFT | SPEAKER_FRONT_RIGHT
        _ => 0,
    };

    private ref struct LittleEndianWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Position { get; private set; }

        public void Id(string fourCharacters)
        {
            foreach (char character in fourCharacters) _destination[Position++] = (byte)character;
        }

        public void U16(ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_destination[Position..], value);
            Position += 2;
        }

        public void U32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_destination[Position..], value);
            Position += 4;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_destination[Position..]);
            Position += value.Length;
        }
    }
}
