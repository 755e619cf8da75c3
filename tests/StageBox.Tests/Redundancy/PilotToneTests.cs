using StageBox.Engine.Mixing;

namespace StageBox.Tests.Redundancy;

public sealed class PilotToneTests
{
    [Fact]
    public void The_pilot_sounds_while_playing_and_is_gone_within_one_period_of_the_stop()
    {
        var tone = new PilotTone(channel: 1, frequencyHz: 1000, levelDb: -20, sampleRate: 48_000);
        var bus = new MixBus(2, 256);
        tone.Render(bus, sounding: true);
        tone.Render(bus, sounding: true);
        float peak = 0;
        foreach (float sample in bus.Channel(1)) peak = Math.Max(peak, Math.Abs(sample));
        Assert.InRange(peak, 0.095f, 0.1001f);
        Assert.All(bus.Channel(0).ToArray(), sample => Assert.Equal(0f, sample));

        tone.Render(bus, sounding: false);
        Assert.InRange(Math.Abs(bus.Channel(1)[^1]), 0, 0.001f); // faded out within the period
        tone.Render(bus, sounding: false);
        Assert.All(bus.Channel(1).ToArray(), sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void An_engine_refuses_a_pilot_on_an_output_the_device_lacks()
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.EngineHarness.NewEngineWithPilot(2, new PilotTone(4, 1000, -20, 48_000)));
        Assert.Contains("output 5", error.Message);
    }
}
