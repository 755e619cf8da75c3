using StageBox.Hal;

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

    [Theory]
    [InlineData(SampleFormat.Float32)]
    [InlineData(SampleFormat.S32)]
    [InlineData(SampleFormat.S24_3LE)]
    [InlineData(SampleFormat.S16)]
    public void Vectorised_encoding_of_a_block_matches_encoding_sample_by_sample(SampleFormat format)
    {
        var random = new Random(11);
        float[] samples = Enumerable.Range(0, 1001).Select(_ => (float)(random.NextDouble() * 2.4 - 1.2)).ToArray();
        float[] edges = [1f, -1f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f / 32768, 1.5f / 32768, -0.5f / 32768, 0.999999f];
        edges.CopyTo(samples, 0);
        edges.CopyTo(samples, 500);
        int size = new PcmFormat(1, 1, format).BytesPerSample;
        var block = new byte[samples.Length * size];
        var oneByOne = new byte[samples.Length * size];

        SampleEncoder.Encode(samples, format, block);
        for (int i = 0; i < samples.Length; i++) SampleEncoder.Encode(samples.AsSpan(i, 1), format, oneByOne.AsSpan(i * size));

        Assert.Equal(oneByOne, block);
    }
}
