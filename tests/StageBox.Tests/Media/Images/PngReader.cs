using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using StageBox.Hal.Display;

namespace StageBox.Tests.Media.Images;

/// <summary>A test's own PNG reader (8-bit RGB, all five filters), independent of the writer it checks.</summary>
internal static class PngReader
{
    public static (int Width, int Height, byte[] Rgb) Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file[..8]);
        int at = 8, width = 0, height = 0;
        using var data = new MemoryStream();
        while (at < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            byte[] body = file[(at + 8)..(at + 8 + length)];
            Assert.Equal(Crc(file.AsSpan(at + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length)));
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4)));
                Assert.Equal(8, body[8]);
                Assert.Equal(2, body[9]);
            }
            if (type == "IDAT") data.Write(body);
            at += 12 + length;
        }
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        return (width, height, Unfilter(inflated.ToArray(), width, height));
    }

    public static FrameBuffer ReadFrame(string path)
    {
        (int width, int height, byte[] rgb) = Read(path);
        var frame = new FrameBuffer(width, height);
        for (int i = 0; i < width * height; i++) frame.Pixels[i] = Rgb565.FromRgb(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);
        return frame;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        int stride = width * 3;
        var image = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int x = raw[y * (stride + 1) + 1 + i];
                int a = i >= 3 ? image[y * stride + i - 3] : 0, b = y > 0 ? image[(y - 1) * stride + i] : 0, c = i >= 3 && y > 0 ? image[(y - 1) * stride + i - 3] : 0;
                int predicted = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => throw new InvalidDataException($"filter {filter}") };
                image[y * stride + i] = (byte)(x + predicted);
            }
        }
        return image;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in bytes)
        {
            crc ^= value;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
