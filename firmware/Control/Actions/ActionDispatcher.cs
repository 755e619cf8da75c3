using StageBox.Engine.Transport;

namespace StageBox.Control.Actions;

/// <summary>
/// Turns stage actions into transport commands for the audio thread, applying the stage-safety
/// rule: while a song plays, stopping it takes a long press (unless configured otherwise), so a
/// stray stomp cannot end the song. Panic always stops.
/// </summary>
/// <param name="route">
/// On a box of a redundant pair: sees every command first, and returns true when it sent it to
/// the live box instead of this engine (this box stands by); the live box mirrors what it plays.
/// </param>
public sealed class ActionDispatcher(CommandQueue commands, PositionSnapshot position, bool stopNeedsLongPress = true, Func<TransportCommand, bool>? route = null)
{
    /// <summary>Each click-level step, in tenths of a dB.</summary>
    public const int ClickStepTenthsOfDecibel = 20;

    /// <summary>
    /// Queues the command for <paramref name="action"/>. <paramref name="longPress"/> says the
    /// gesture was a long press; <paramref name="amount"/> is the encoder's detents for
    /// <see cref="StageAction.BrowseSongs"/>. False when nothing was queued (held back for safety,
    /// or the queue is full).
    /// </summary>
    public bool Dispatch(StageAction action, long issuedAtNanoseconds = 0, bool longPress = false, int amount = 1)
    {
        bool playing = position.Read().State != TransportState.Stopped;
        TransportCommand? command = action switch
        {
            StageAction.PlayStop when !playing => TransportCommand.Play,
            StageAction.PlayStop when longPress || !stopNeedsLongPress => TransportCommand.Stop,
            StageAction.PlayStop => null,
            StageAction.Panic => TransportCommand.Stop,
            StageAction.NextSong => TransportCommand.NextSong,
            StageAction.PreviousSong => TransportCommand.PreviousSong,
            StageAction.NextSection => TransportCommand.NextSection(Quantize.NextBar),
            StageAction.PreviousSection => TransportCommand.PreviousSection(Quantize.NextBar),
            StageAction.LoopSection => TransportCommand.ToggleSectionLoop,
            StageAction.ClickUp => TransportCommand.ClickLevel(ClickStepTenthsOfDecibel),
            StageAction.ClickDown => TransportCommand.ClickLevel(-ClickStepTenthsOfDecibel),
            StageAction.MuteClick => TransportCommand.ToggleClickMute,
            StageAction.BrowseSongs => TransportCommand.MoveSongCursor(amount),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return command is TransportCommand queued && Send(queued with { IssuedAtNanoseconds = issuedAtNanoseconds });
    }

    /// <summary>
    /// Sends a transport command that no gesture maps to (a box resuming its place after a
    /// restart): by the same route as an action's, to the live box in a pair.
    /// </summary>
    public bool Send(TransportCommand command) => route?.Invoke(command) == true || commands.TryEnqueue(command);
}
