using StageBox.Engine.Songs;

namespace StageBox.Engine.Mixing;

/// <summary>Mixes the clips placed on a song's timeline (stems and cues) into the bus for a span of song frames.</summary>
public static class ClipMixer
{
    /// <summary>
    /// Adds song frames [<paramref name="songFrame"/>, +<paramref name="count"/>) of every clip
    /// to the bus at <paramref name="busOffset"/>, under a gain moving linearly from
    /// <paramref name="startGain"/> by <paramref name="step"/> per frame (step 0: a fixed gain).
    /// </summary>
    public static void Mix(PlacedClip[] clips, long songFrame, int count, MixBus bus, int busOffset, float startGain = 1, float step = 0)
    {
        foreach (PlacedClip clip in clips)
        {
            long from = Math.Max(songFrame, clip.StartFrame);
            long to = Math.Min(songFrame + count, clip.StartFrame + clip.Audio.Frames);
            if (from >= to) continue;
            int length = (int)(to - from);
            int skip = (int)(from - songFrame);
            int sourceStart = (int)(from - clip.StartFrame);
            foreach (OutputRoute route in clip.Routes)
            {
                ReadOnlySpan<float> source = clip.Audio.Channels[route.SourceChannel].AsSpan(sourceStart, length);
                Span<float> destination = bus.Channel(route.Output, busOffset + skip, length);
                if (step == 0) SampleOps.AddScaled(destination, source, route.Gain * startGain);
                else SampleOps.AddRamped(destination, source, route.Gain * (startGain + step * skip), route.Gain * step);
            }
        }
    }
}
