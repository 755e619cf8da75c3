namespace StageBox.Hal.Gpio;

/// <summary>The uAPI v2 line flags (GPIO_V2_LINE_FLAG_*).</summary>
internal static class LineFlags
{
    public const ulong ActiveLow = 1 << 1;
    public const ulong Input = 1 << 2;
    public const ulong Output = 1 << 3;
    public const ulong EdgeRising = 1 << 4;
    public const ulong EdgeFalling = 1 << 5;
    public const ulong PullUp = 1 << 8;
    public const ulong PullDown = 1 << 9;
}

/// <summary>
/// One gpio_v2_line_config_attribute: a setting that applies to the lines whose request indices are set in
/// <paramref name="Mask"/>, overriding the config's flags for them.
/// </summary>
internal readonly record struct LineAttribute(uint Id, ulong Value, ulong Mask)
{
    public const uint FlagsId = 1, OutputValuesId = 2, DebounceId = 3;
}

/// <summary>
/// A gpio_v2_line_config for one request: flags for most lines, plus attributes for the lines that differ.
/// The kernel takes one flags word and at most ten attributes, so lines that share settings share an attribute.
/// </summary>
internal sealed class LineConfig
{
    public const int MaxAttributes = 10;
    public const int MaxLines = 64;

    public ulong Flags { get; }
    public IReadOnlyList<LineAttribute> Attributes { get; }

    private LineConfig(ulong flags, IReadOnlyList<LineAttribute> attributes, int lineCount)
    {
        if (lineCount is 0 or > MaxLines)
            throw new ArgumentException($"a GPIO request takes 1 to {MaxLines} lines, not {lineCount}");
        if (attributes.Count > MaxAttributes)
            throw new ArgumentException($"these lines differ in {attributes.Count} ways, but one GPIO request carries at most {MaxAttributes} line attributes");
        Flags = flags;
        Attributes = attributes;
    }

    /// <summary>Inputs report both edges, so a press and a release are both timestamped by the kernel.</summary>
    public static LineConfig ForInputs(IReadOnlyList<GpioInput> lines)
    {
        ulong[] flags = lines.Select(InputFlags).ToArray();
        // The commonest flags go in the config itself, so the usual case (all lines alike) needs no attribute.
        ulong common = flags.GroupBy(f => f).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var attributes = new List<LineAttribute>();
        foreach (ulong distinct in flags.Distinct().Where(f => f != common))
            attributes.Add(new LineAttribute(LineAttribute.FlagsId, distinct, MaskOf(flags, f => f == distinct)));
        foreach (int period in lines.Select(l => l.DebounceMicroseconds).Where(p => p > 0).Distinct())
            attributes.Add(new LineAttribute(LineAttribute.DebounceId, (ulong)period, MaskOf(lines, l => l.DebounceMicroseconds == period)));
        return new LineConfig(common, attributes, lines.Count);
    }

    public static LineConfig ForOutputs(IReadOnlyList<GpioOutput> lines)
    {
        var initialValues = new LineAttribute(LineAttribute.OutputValuesId, MaskOf(lines, l => l.InitialValue), MaskOf(lines, _ => true));
        return new LineConfig(LineFlags.Output, [initialValues], lines.Count);
    }

    private static ulong InputFlags(GpioInput line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line.DebounceMicroseconds);
        ulong flags = LineFlags.Input | LineFlags.EdgeRising | LineFlags.EdgeFalling;
        if (line.ActiveLow) flags |= LineFlags.ActiveLow;
        return flags | line.Bias switch
        {
            GpioBias.PullUp => LineFlags.PullUp,
            GpioBias.PullDown => LineFlags.PullDown,
            _ => 0,
        };
    }

    private static ulong MaskOf<T>(IReadOnlyList<T> lines, Func<T, bool> selected)
    {
        ulong mask = 0;
        for (int index = 0; index < lines.Count; index++)
            if (selected(lines[index])) mask |= 1UL << index;
        return mask;
    }
}
