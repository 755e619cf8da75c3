using StageBox.Hal;
using StageBox.Hal.Pcm;

namespace StageBox.Tests.Hal;

public sealed class SampleEncoderTests
{
    [Theory]
    [InlineData(SampleFormat.S16, 1.0f, new byte[] { 0xFF, 0x7F })]
    [InlineData(SampleFormat.S16, -1.0f, new byte[] { 0x00, 0x80 })]
    [InlineData(SampleFormat.S16, 0.5f, new byte[] { 0x00, 0x40 })]
    [InlineData(SampleFormat.S24_3LE, -1.0f, new byte[] { 0x00, 0x00, 0x80 })]
    [InlineData(SampleFormat.S24_3LE, 0.25f, new byte[] { 0x00, 0x00, 0x20 })]
    [InlineData(SampleFormat.S32, 1.0f, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(SampleFormat.S32, -0.5f, new byte[] { 0x00, 0x00, 0x00, 0xC0 })]
    [InlineData(SampleFormat.Float32, 2.0f, new byte[] { 0x00, 0x00, 0x80, 0x3F })]
    [InlineData(SampleFormat.S16, float.NaN, new byte[] { 0x00, 0x00 })]
    public void Encodes_full_scale_as_two_to_the_bits_minus_one_saturating_at_the_top(SampleFormat format, float sample, byte[] expected)
    {
        var encoded = new byte[expected.Length];

        SampleEncoder.Encode([sample], format, encoded);

        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void A_destination_too_small_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SampleEncoder.Encode([0f, 0f], SampleFormat.S24_3LE, new byte[5]));
    }
}
