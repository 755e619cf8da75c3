namespace StageBox.Control.Input;

public enum FootswitchGesture
{
    Press,
    Release,
    /// <summary>Held for the long-press time; comes once per hold, after its Press.</summary>
    LongPress,
    /// <summary>A second press within the window; comes right after that press's own Press.</summary>
    DoublePress,
}

/// <param name="TimestampNanoseconds">The kernel timestamp of the edge that started the gesture: the first edge of
/// the press for Press, LongPress and DoublePress (the second press), the edge that let go for Release.</param>
public readonly record struct FootswitchEvent(FootswitchGesture Gesture, long TimestampNanoseconds);
