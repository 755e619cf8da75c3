using StageBox.Engine.Mixing;
using StageBox.Engine.Songs;
using StageBox.Engine.Streaming;

namespace StageBox.Tests.Engine;

/// <summary>The audio thread's side of a streamed clip: it plays a block only while the block's tag says it holds that audio.</summary>
public sealed class StreamedClipTests
{
    private static readonly OutputRoute[] ToOutputZero = [new OutputRoute(0, 0, 1)];

    private static StreamBlock Block(StreamedClip clip, long index, float value)
    {
        var block = new StreamBlock(clip.ChannelCount);
        block.BeginWrite();
        Array.Fill(block.Samples, value);
        block.EndWrite(clip.KeyOf(index));
        return block;
    }

    private static (int Missing, float[] Mixed) Mix(StreamedClip clip, long frame, int count)
    {
        var bus = new MixBus(1, count, scratchChannels: clip.ChannelCount);
        int missing = clip.MixInto(frame, count, ToOutputZero, bus, 0, 1, 0);
        return (missing, bus.Channel(0).ToArray());
    }

    [Fact]
    public void A_pinned_block_plays_and_one_being_rewritten_plays_silence_counted_as_missing()
    {
        var clip = new StreamedClip("bass.wav", 1, 10 * StreamBlock.Frames);
        StreamBlock block = Block(clip, 2, 0.5f);
        clip.Pinned = new PinnedBlocks([clip.KeyOf(2)], [block]);
        (int missing, float[] mixed) = Mix(clip, 2 * StreamBlock.Frames + 100, 256);
        Assert.Equal(0, missing);
        Assert.All(mixed, sample => Assert.Equal(0.5f, sample));

        block.BeginWrite(); // the read-ahead takes it back for other audio
        (missing, mixed) = Mix(clip, 2 * StreamBlock.Frames + 100, 256);
        Assert.Equal(256, missing);
        Assert.All(mixed, sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void A_ring_slot_holding_another_block_or_another_clips_block_is_not_played()
    {
        var clip = new StreamedClip("keys.wav", 1, 10 * StreamBlock.Frames);
        var other = new StreamedClip("keys.wav", 1, 10 * StreamBlock.Frames);
        // Four slots: block 5 lives in slot 1, where block 1 (behind) and the other clip's block 5 may also sit.
        clip.Ring = [null, Block(clip, 1, 0.25f), null, null];
        Assert.Equal(256, Mix(clip, 5 * StreamBlock.Frames, 256).Missing);
        clip.Ring = [null, Block(other, 5, 0.25f), null, null];
        Assert.Equal(256, Mix(clip, 5 * StreamBlock.Frames, 256).Missing);
        clip.Ring = [null, Block(clip, 5, 0.25f), null, null];
        Assert.Equal(0, Mix(clip, 5 * StreamBlock.Frames, 256).Missing);
    }

    [Fact]
    public void A_span_across_a_block_boundary_takes_each_part_from_its_own_block()
    {
        var clip = new StreamedClip("drums.wav", 1, 10 * StreamBlock.Frames);
        clip.Pinned = new PinnedBlocks([clip.KeyOf(3)], [Block(clip, 3, 0.75f)]);
        clip.Ring = [Block(clip, 4, -0.5f), null];
        (int missing, float[] mixed) = Mix(clip, 4 * StreamBlock.Frames - 100, 256);
        Assert.Equal(0, missing);
        Assert.Equal(Enumerable.Repeat(0.75f, 100).Concat(Enumerable.Repeat(-0.5f, 156)), mixed);
    }
}
