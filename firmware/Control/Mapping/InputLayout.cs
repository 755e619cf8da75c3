namespace StageBox.Control.Mapping;

/// <summary>Which input line (its index in the line request) is which control.</summary>
public sealed record InputLayout(IReadOnlyList<(string Name, int Line)> Footswitches, int? EncoderA = null, int? EncoderB = null, int? EncoderPush = null)
{
    /// <summary>The default floor unit: three switches on lines 0-2, the encoder on 3 and 4, its push on 5.</summary>
    public static InputLayout ThreeSwitchFloorUnit { get; } = new([("left", 0), ("middle", 1), ("right", 2)], 3, 4, 5);

    public int LineCount => new[] { EncoderA, EncoderB, EncoderPush }.Append(Footswitches.Count == 0 ? null : Footswitches.Max(s => s.Line)).Max() is int highest ? highest + 1 : 0;
}
