namespace StageBox.Engine.Click;

/// <summary>The kinds of click, loudest first.</summary>
public enum ClickKind
{
    /// <summary>Beat 1 of a bar.</summary>
    Accent,
    /// <summary>The start of a beat group other than beat 1 (the 3rd and 5th eighth of 7/8 as 2+2+3).</summary>
    Group,
    /// <summary>Any other beat.</summary>
    Beat,
    /// <summary>A subdivision between beats.</summary>
    Subdivision,
}
