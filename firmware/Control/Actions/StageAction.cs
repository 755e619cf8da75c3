namespace StageBox.Control.Actions;

/// <summary>What a musician can ask of the box from a footswitch, the encoder or the keyboard.</summary>
public enum StageAction
{
    /// <summary>Play when stopped; stop (with its fade) when playing, from a long press only unless configured otherwise.</summary>
    PlayStop,
    NextSong,
    PreviousSong,
    /// <summary>Jump to the next section on the next bar line.</summary>
    NextSection,
    /// <summary>Jump to the previous section on the next bar line.</summary>
    PreviousSection,
    /// <summary>Loop the section playing, or stop looping it.</summary>
    LoopSection,
    ClickUp,
    ClickDown,
    MuteClick,
    /// <summary>Fade everything out now, whatever the stage-safety rules.</summary>
    Panic,
    /// <summary>The encoder's turn: move the setlist cursor by the detents turned.</summary>
    BrowseSongs,
}
