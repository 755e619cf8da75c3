namespace StageBox.Engine.Transport;

public enum CommandKind : byte
{
    Play,
    /// <summary>While playing: fade out and stop, cued back at the song's top. While stopped: back to the top.</summary>
    Stop,
    /// <summary>Go to bar <see cref="TransportCommand.Argument"/>.</summary>
    LocateBar,
    /// <summary>Go to section index <see cref="TransportCommand.Argument"/> (0-based).</summary>
    LocateSection,
    NextSection,
    PreviousSection,
    /// <summary>
    /// Move the setlist cursor by <see cref="TransportCommand.Argument"/> songs: the cued song
    /// when stopped, the song that follows when playing.
    /// </summary>
    MoveSongCursor,
    /// <summary>Put the setlist cursor on song index <see cref="TransportCommand.Argument"/> (0-based).</summary>
    SelectSong,
    /// <summary>Change the click level by <see cref="TransportCommand.Argument"/> tenths of a dB (the song's level stays the reference).</summary>
    ClickLevel,
    ToggleClickMute,
    /// <summary>Loop the section playing: at its end, back to its start, until toggled off or another jump is asked.</summary>
    ToggleSectionLoop,
    /// <summary>
    /// Play song index <see cref="TransportCommand.Argument"/> from song frame <see cref="TransportCommand.Frame"/>
    /// at once, with no fade: a standby box of a redundant pair putting itself where its live peer is.
    /// </summary>
    Follow,
}

/// <summary>When a jump while playing takes effect.</summary>
public enum Quantize : byte
{
    /// <summary>At the start of the next period.</summary>
    Now,
    /// <summary>On the next bar line.</summary>
    NextBar,
    /// <summary>Where the current section ends (the next section's first frame, or the song's end).</summary>
    EndOfSection,
}

/// <summary>
/// A request to the transport, queued to the audio thread. A plain struct so queueing it
/// allocates nothing. <see cref="IssuedAtNanoseconds"/> (CLOCK_MONOTONIC) lets latency be measured.
/// </summary>
public readonly record struct TransportCommand(CommandKind Kind, int Argument = 0, Quantize Quantize = Quantize.Now, long IssuedAtNanoseconds = 0, long Frame = 0)
{
    public static TransportCommand Play => new(CommandKind.Play);
    public static TransportCommand Stop => new(CommandKind.Stop);
    public static TransportCommand NextSong => MoveSongCursor(1);
    public static TransportCommand PreviousSong => MoveSongCursor(-1);
    public static TransportCommand MoveSongCursor(int songs) => new(CommandKind.MoveSongCursor, songs);
    public static TransportCommand ClickLevel(int tenthsOfDecibel) => new(CommandKind.ClickLevel, tenthsOfDecibel);
    public static TransportCommand ToggleClickMute => new(CommandKind.ToggleClickMute);
    public static TransportCommand ToggleSectionLoop => new(CommandKind.ToggleSectionLoop);
    public static TransportCommand LocateBar(int bar, Quantize quantize = Quantize.Now) => new(CommandKind.LocateBar, bar, quantize);
    public static TransportCommand LocateSection(int index, Quantize quantize = Quantize.Now) => new(CommandKind.LocateSection, index, quantize);
    public static TransportCommand NextSection(Quantize quantize = Quantize.Now) => new(CommandKind.NextSection, 0, quantize);
    public static TransportCommand PreviousSection(Quantize quantize = Quantize.Now) => new(CommandKind.PreviousSection, 0, quantize);
    public static TransportCommand SelectSong(int index) => new(CommandKind.SelectSong, index);
    public static TransportCommand Follow(int songIndex, long songFrame) => new(CommandKind.Follow, songIndex, Frame: songFrame);
}
