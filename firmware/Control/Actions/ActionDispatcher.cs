using StageBox.Engine.Transport;

namespace StageBox.Control.Actions;

/// <summary>Turns stage actions into transport commands for the audio thread.</summary>
public sealed class ActionDispatcher(CommandQueue commands, PositionSnapshot position)
{
    /// <summary>Queues the command for <paramref name="action"/>; false if the audio thread is not taking commands.</summary>
    public bool Dispatch(StageAction action, long issuedAtNanoseconds = 0)
    {
        TransportCommand command = action switch
        {
            StageAction.PlayStop => position.Read().State == TransportState.Stopped ? TransportCommand.Play : TransportCommand.Stop,
            StageAction.NextSong => TransportCommand.NextSong,
            StageAction.PreviousSong => TransportCommand.PreviousSong,
            StageAction.NextSection => TransportCommand.NextSection(Quantize.NextBar),
            StageAction.PreviousSection => TransportCommand.PreviousSection(Quantize.NextBar),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return commands.TryEnqueue(command with { IssuedAtNanoseconds = issuedAtNanoseconds });
    }
}
