namespace StageBox.Engine.Songs;

/// <summary>One connection from a source channel to an output channel (both 0-based) at a linear gain.</summary>
public readonly record struct OutputRoute(int SourceChannel, int Output, float Gain)
{
    /// <summary>
    /// Routes as song files state them: N channels to N outputs one-to-one, or one channel to
    /// every listed output. Anything else is a mistake the show validator reports first.
    /// </summary>
    public static OutputRoute[] Map(IReadOnlyList<int> sourceChannels, IReadOnlyList<int> outputs, float gain)
    {
        if (sourceChannels.Count == 1)
            return outputs.Select(o => new OutputRoute(sourceChannels[0], o, gain)).ToArray();
        if (sourceChannels.Count != outputs.Count)
            throw new ArgumentException($"{sourceChannels.Count} channels cannot be routed to {outputs.Count} outputs", nameof(outputs));
        return sourceChannels.Select((channel, i) => new OutputRoute(channel, outputs[i], gain)).ToArray();
    }
}
