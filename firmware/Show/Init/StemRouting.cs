namespace StageBox.Show.Init;

/// <summary>A stem with the device outputs its channels go to, one output per channel.</summary>
public sealed record RoutedStem(StemFile File, IReadOnlyList<int> Outputs);

/// <summary>A stem that found no free outputs, with outputs already in use that it could share
/// (where it would mix with what plays there), or null when it has more channels than the stems' outputs.</summary>
public sealed record LeftOutStem(StemFile File, IReadOnlyList<int>? SharedOutputs);

/// <summary>
/// Where a starting song sends its sound: the click on outputs 1 and 2 (the usual in-ear
/// feed), then each stem in order on the next free outputs, as many as it has channels.
/// When a stem does not fit, it and every stem after it are left out rather than doubled up
/// unasked: on a stage, each output is a channel on the desk, and which stems may share one
/// is the sound engineer's call. Each left-out stem carries a wrapped routing to offer.
/// </summary>
public sealed record StemRouting(IReadOnlyList<int> ClickOutputs, IReadOnlyList<RoutedStem> Routed, IReadOnlyList<LeftOutStem> LeftOut, int OutputChannels)
{
    /// <summary>Outputs after the last routed stem that nothing plays on.</summary>
    public int FreeOutputs => OutputChannels - (Routed.Count > 0 ? Routed[^1].Outputs[^1] : ClickOutputs.Count);

    public static StemRouting Route(IReadOnlyList<StemFile> stems, int outputChannels)
    {
        int[] click = Enumerable.Range(1, Math.Min(2, outputChannels)).ToArray();
        int firstStemOutput = click.Length + 1;
        var routed = new List<RoutedStem>();
        int next = firstStemOutput;
        foreach (StemFile stem in stems)
        {
            if (next + stem.Info.Channels - 1 > outputChannels) break;
            routed.Add(new RoutedStem(stem, Enumerable.Range(next, stem.Info.Channels).ToArray()));
            next += stem.Info.Channels;
        }
        var leftOut = new List<LeftOutStem>();
        int shared = firstStemOutput;
        foreach (StemFile stem in stems.Skip(routed.Count))
        {
            int channels = stem.Info.Channels;
            if (channels > outputChannels - firstStemOutput + 1)
            {
                leftOut.Add(new LeftOutStem(stem, null));
                continue;
            }
            if (shared + channels - 1 > outputChannels) shared = firstStemOutput;
            leftOut.Add(new LeftOutStem(stem, Enumerable.Range(shared, channels).ToArray()));
            shared += channels;
        }
        return new StemRouting(click, routed, leftOut, outputChannels);
    }
}
