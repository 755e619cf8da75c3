using System.Buffers.Binary;
using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Switcher;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.Engine;

public sealed class MixChainTests
{
    private const int Period = 256;

    [Fact]
    public void The_stages_work_on_the_engine_mix_in_their_order()
    {
        var chain = new MixChain(NewEngine(2, Period, new SetlistSlot(Song(Constant(120), bars: 1), SongEnd.Stop)), [new Digit(1), new Digit(2)]);
        MixBus mix = chain.RenderMix(); // stopped: the engine's mix is silence, then 0 * 10 + 1, then 1 * 10 + 2
        Assert.Equal(12f, mix.Channel(0)[0]);
    }

    [Fact]
    public void A_pilot_in_the_chain_sounds_from_the_count_in_on_its_output_and_leaves_the_others_as_the_engine_made_them()
    {
        SetlistSlot Slot() => new(Song(Constant(120), countIn: 1, bars: 2, clickOutputs: [0, 1]), SongEnd.Stop);
        PlaybackEngine alone = NewEngine(2, Period, Slot());
        var chain = new MixChain(NewEngine(2, Period, Slot()), [new PilotTone(1, 1000, -20, alone.Format)]);
        alone.Commands.TryEnqueue(TransportCommand.Play);
        chain.Engine.Commands.TryEnqueue(TransportCommand.Play);
        var expected = new byte[alone.PeriodBytes];
        var actual = new byte[alone.PeriodBytes];
        for (int period = 0; period < 40; period++)
        {
            alone.RenderPeriod(expected);
            chain.RenderPeriod(actual);
            Assert.Equal(TransportState.CountIn, chain.Engine.Position.Read().State);
            Assert.Equal(Channel(expected, 0), Channel(actual, 0));
            if (period > 0) Assert.InRange(Channel(actual, 1).Max(Math.Abs), 0.095f, 0.1001f);
        }
    }

    private static float[] Channel(byte[] interleavedStereo, int channel) =>
        Enumerable.Range(0, interleavedStereo.Length / 8).Select(f => BinaryPrimitives.ReadSingleLittleEndian(interleavedStereo.AsSpan(f * 8 + channel * 4))).ToArray();

    /// <summary>Appends its digit to the first sample of channel 0, so the result spells the order the stages ran in.</summary>
    private sealed class Digit(int digit) : IMixStage
    {
        public void Process(MixBus mix, in PlaybackPosition position) => mix.Channel(0, 0, 1)[0] = mix.Channel(0)[0] * 10 + digit;
    }
}
