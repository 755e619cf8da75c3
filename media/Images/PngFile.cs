using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using StageBox.Hal.Display;

namespace StageBox.Media.Images;

/// <summary>
/// Writes a frame as a PNG (8-bit RGB, no interlace), the format any viewer and the issue
/// tracker shows. Each row goes through PNG's Sub filter, which suits flat screen graphics.
/// </summary>
public static class PngFile
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private const byte SubFilter = 1;

    /// <summary>Writes to <paramref name="path"/> through a temporary file and a rename, so a reader never sees half a picture.</summary>
    public static void Write(string path, FrameBuffer frame)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            Write(file, frame);
        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Stream output, FrameBuffer frame)
    {
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], frame.Height);
        header[8] = 8;  // bits per channel
        header[9] = 2;  // colour type: RGB
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", CompressedRows(frame));
        WriteChunk(output, "IEND", []);
    }

    private static byte[] CompressedRows(FrameBuffer frame)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + frame.Width * 3];
            row[0] = SubFilter;
            for (int y = 0; y < frame.Height; y++)
            {
                Span<ushort> pixels = frame.Row(y);
                byte previousRed = 0, previousGreen = 0, previousBlue = 0;
                for (int x = 0; x < frame.Width; x++)
                {
                    byte red = Rgb565.Red(pixels[x]), green = Rgb565.Green(pixels[x]), blue = Rgb565.Blue(pixels[x]);
                    row[1 + x * 3] = (byte)(red - previousRed);
                    row[2 + x * 3] = (byte)(green - previousGreen);
                    row[3 + x * 3] = (byte)(blue - previousBlue);
                    (previousRed, previousGreen, previousBlue) = (red, green, blue);
                }
                zlib.Write(row);
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        output.Write(field);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32.Update(Crc32.Update(Crc32.Initial, typeBytes), data) ^ Crc32.Initial;
        BinaryPrimitives.WriteUInt32BigEndian(field, crc);
        output.Write(field);
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static class Crc32
    {
        public const uint Initial = 0xFFFFFFFF;
        private static readonly uint[] Table = BuildTable();

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (byte value in data) crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
