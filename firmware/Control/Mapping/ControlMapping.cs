using StageBox.Control.Actions;

namespace StageBox.Control.Mapping;

/// <summary>What one footswitch does for each gesture; null = nothing.</summary>
public sealed record SwitchMapping(StageAction? Press = null, StageAction? LongPress = null, StageAction? DoublePress = null);

/// <summary>
/// The floor unit's mapping: each footswitch by name, and the encoder's turn and push.
/// The defaults suit a 3-switch unit plus encoder: back, play/stop, forward.
/// </summary>
public sealed record ControlMapping(
    IReadOnlyDictionary<string, SwitchMapping> Switches,
    StageAction EncoderTurn,
    SwitchMapping EncoderPush,
    bool StopNeedsLongPress)
{
    public static ControlMapping ThreeSwitchFloorUnit { get; } = new(
        new Dictionary<string, SwitchMapping>
        {
            // A tap moves the setlist cursor (the song playing is not cut); a hold jumps a section on the next bar.
            ["left"] = new(StageAction.PreviousSong, StageAction.PreviousSection),
            // A tap starts; stopping a song that plays takes a hold.
            ["middle"] = new(StageAction.PlayStop, StageAction.PlayStop),
            ["right"] = new(StageAction.NextSong, StageAction.NextSection),
        },
        StageAction.BrowseSongs,
        new SwitchMapping(StageAction.PlayStop, StageAction.PlayStop, StageAction.LoopSection),
        StopNeedsLongPress: true);
}
