using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

public class MixerTests
{
    [Fact]
    public void Stems_land_on_their_routed_outputs_at_their_gain_and_nowhere_else()
    {
        const long length = 96_000;
        float drumsGain = Decibels.ToGain(-6);
        var drums = new PreparedStem("drums", Clip(length, i => 0.5f), OutputRoute.Map([0], [2, 3], drumsGain));
        var keys = new PreparedStem("keys", new MemoryClip([Enumerable.Repeat(0.25f, (int)length).ToArray(), Enumerable.Repeat(-0.125f, (int)length).ToArray()]),
            OutputRoute.Map([0, 1], [4, 6], 1));
        var bassRight = new PreparedStem("bass", new MemoryClip([new float[length], Enumerable.Repeat(0.3f, (int)length).ToArray()]),
            OutputRoute.Map([1], [4], 0.5f));
        PreparedSong song = Song(Constant(120), stems: [drums, keys, bassRight], clickOutputs: [0, 1]);

        float[][] output = RenderSong(song, channels: 8);

        Assert.Equal(0.5f * drumsGain, output[2][1000]);
        Assert.Equal(0.5f * drumsGain, output[3][95_999]);
        Assert.Equal(0.25f + 0.3f * 0.5f, output[4][1000]);
        Assert.Equal(-0.125f, output[6][1000]);
        foreach (int silent in new[] { 5, 7 }) Assert.All(output[silent], s => Assert.Equal(0, s));
        Assert.Equal(0, output[2][96_000]);
        Assert.NotEqual(0, output[0][0]);
    }

    [Fact]
    public void Clips_start_where_placed_on_the_timeline()
    {
        var cue = new PreparedCue(2, Clip(100, i => 0.75f), [new OutputRoute(0, 1, 1)]);
        PreparedSong song = Song(Constant(120), bars: 3, clickOutputs: [0], cues: [cue]);
        float[] cueOutput = RenderSong(song, channels: 2)[1];
        int start = Array.FindIndex(cueOutput, s => s != 0);
        Assert.Equal(96_000, start);
        Assert.Equal(100, cueOutput.Count(s => s != 0));
    }

    [Theory]
    [InlineData(SampleFormat.S16, 0.5f, new byte[] { 0x00, 0x40 })]
    [InlineData(SampleFormat.S16, 1.7f, new byte[] { 0xFF, 0x7F })]
    [InlineData(SampleFormat.S16, -3f, new byte[] { 0x00, 0x80 })]
    [InlineData(SampleFormat.S24_3LE, 0.5f, new byte[] { 0x00, 0x00, 0x40 })]
    [InlineData(SampleFormat.S24_3LE, -2f, new byte[] { 0x00, 0x00, 0x80 })]
    [InlineData(SampleFormat.S32, 1f, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(SampleFormat.S32, -1.5f, new byte[] { 0x00, 0x00, 0x00, 0x80 })]
    [InlineData(SampleFormat.Float32, 2f, new byte[] { 0x00, 0x00, 0x80, 0x3F })]
    [InlineData(SampleFormat.Float32, -0.25f, new byte[] { 0x00, 0x00, 0x80, 0xBE })]
    public void Encoder_interleaves_converts_and_clips_to_full_scale(SampleFormat format, float sample, byte[] expected)
    {
        // Enough frames to take the vector path and the scalar tail.
        const int frames = 37;
        var bus = new MixBus(3, frames);
        bus.Channel(1, 0, frames).Fill(sample);
        var pcm = new PcmFormat(48_000, 3, format);
        var encoder = new PcmEncoder(pcm, frames);
        var bytes = new byte[frames * pcm.BytesPerFrame];
        encoder.Encode(bus, frames, bytes);
        for (int f = 0; f < frames; f++)
        {
            Span<byte> frame = bytes.AsSpan(f * pcm.BytesPerFrame, pcm.BytesPerFrame);
            Assert.Equal(expected, frame.Slice(pcm.BytesPerSample, pcm.BytesPerSample).ToArray());
            Assert.All(frame[..pcm.BytesPerSample].ToArray(), b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void Vector_gain_add_matches_the_scalar_definition_for_every_length()
    {
        var random = new Random(7);
        for (int n = 0; n < 70; n++)
        {
            float[] source = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            float[] destination = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
            float[] expected = destination.Select((d, i) => d + source[i] * 0.3f).ToArray();
            SampleOps.AddScaled(destination, source, 0.3f);
            Assert.Equal(expected, destination);
        }
    }
}
