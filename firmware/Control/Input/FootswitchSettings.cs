namespace StageBox.Control.Input;

/// <summary>How one footswitch is read. (Init properties rather than a positional record: TimeSpan defaults are not constants.)</summary>
public sealed record FootswitchSettings
{
    /// <summary>How long the line must stay released before a release counts; chatter shorter than this is part of one press.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a hold lasts before it is a long press.</summary>
    public TimeSpan LongPress { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Whether this switch reports double presses.</summary>
    public bool DoublePress { get; init; }

    /// <summary>The longest time from one press to the next that makes a double press.</summary>
    public TimeSpan DoublePressWindow { get; init; } = TimeSpan.FromMilliseconds(300);
}
