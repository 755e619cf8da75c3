using StageBox.Engine.Mixing;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Redundancy.Switcher;

namespace StageBox.Tests.Redundancy;

public sealed class PilotToneTests
{
    [Fact]
    public void The_pilot_sounds_while_playing_and_is_gone_within_one_period_of_the_stop()
    {
        var tone = new PilotTone(channel: 1, frequencyHz: 1000, levelDb: -20, Stereo);
        var bus = new MixBus(2, 256);
        tone.Process(bus, Playing);
        tone.Process(bus, Playing);
        float peak = 0;
        foreach (float sample in bus.Channel(1)) peak = Math.Max(peak, Math.Abs(sample));
        Assert.InRange(peak, 0.095f, 0.1001f);
        Assert.All(bus.Channel(0).ToArray(), sample => Assert.Equal(0f, sample));

        tone.Process(bus, Stopped);
        Assert.InRange(Math.Abs(bus.Channel(1)[^1]), 0, 0.001f); // faded out within the period
        tone.Process(bus, Stopped);
        Assert.All(bus.Channel(1).ToArray(), sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void A_pilot_on_an_output_the_device_lacks_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PilotTone(4, 1000, -20, Stereo));
        Assert.Contains("output 5", error.Message);
    }

    private static readonly PcmFormat Stereo = new(48_000, 2, SampleFormat.Float32);
    private static readonly PlaybackPosition Playing = new(TransportState.Playing, 0, 1, 0, 1, 0, 4, 4, 0, 120, 0, 0, 0);
    private static readonly PlaybackPosition Stopped = Playing with { State = TransportState.Stopped };
}
