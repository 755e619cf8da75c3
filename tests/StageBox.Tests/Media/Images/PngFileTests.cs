using StageBox.Hal.Display;
using StageBox.Media.Images;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Media.Images;

public sealed class PngFileTests
{
    [Fact]
    public void A_written_png_reads_back_as_the_frame_with_565_colours_widened_to_full_range()
    {
        using var directory = new TempDirectory();
        var frame = new FrameBuffer(7, 3);
        var random = new Random(5);
        for (int i = 0; i < frame.Pixels.Length; i++) frame.Pixels[i] = (ushort)random.Next(0x10000);
        frame[0, 0] = 0xFFFF;
        frame[1, 0] = 0x0000;
        string path = directory.File("frame.png");
        PngFile.Write(path, frame);
        (int width, int height, byte[] rgb) = PngReader.Read(path);
        Assert.Equal((7, 3), (width, height));
        Assert.Equal([255, 255, 255, 0, 0, 0], rgb[..6]);
        Assert.Equal(frame.Pixels, PngReader.ReadFrame(path).Pixels);
        Assert.False(File.Exists(path + ".tmp"));
    }
}
