using StageBox.Engine.Songs;

namespace StageBox.Engine.Mixing;

/// <summary>Mixes the clips placed on a song's timeline (stems and cues) into the bus for a span of song frames.</summary>
public static class ClipMixer
{
    /// <summary>
    /// Adds song frames [<paramref name="songFrame"/>, +<paramref name="count"/>) of every clip
    /// to the bus at <paramref name="busOffset"/>, under a gain moving linearly from
    /// <paramref name="startGain"/> by <paramref name="step"/> per frame (step 0: a fixed gain).
    /// Returns the frames a streamed clip did not have ready (played as silence).
    /// </summary>
    public static int Mix(PlacedClip[] clips, long songFrame, int count, MixBus bus, int busOffset, float startGain = 1, float step = 0)
    {
        int missing = 0;
        foreach (PlacedClip clip in clips)
        {
            long from = Math.Max(songFrame, clip.StartFrame);
            long to = Math.Min(songFrame + count, clip.StartFrame + clip.Audio.Frames);
            if (from >= to) continue;
            int skip = (int)(from - songFrame);
            missing += clip.Audio.MixInto(from - clip.StartFrame, (int)(to - from), clip.Routes, bus, busOffset + skip, startGain + step * skip, step);
        }
        return missing;
    }
}
