namespace StageBox.Control.Actions;

/// <summary>What a musician can ask of the box from a footswitch, the encoder or the keyboard.</summary>
public enum StageAction
{
    /// <summary>Play when stopped, stop (with its fade) when playing.</summary>
    PlayStop,
    NextSong,
    PreviousSong,
    /// <summary>Jump to the next section on the next bar line.</summary>
    NextSection,
    /// <summary>Jump to the previous section on the next bar line.</summary>
    PreviousSection,
}
