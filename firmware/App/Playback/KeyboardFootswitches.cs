using StageBox.Control.Actions;

namespace StageBox.App.Playback;

/// <summary>The simulated box's footswitches: keys of the PC keyboard mapped to stage actions.</summary>
internal static class KeyboardFootswitches
{
    public const string Help = " space play/stop  n/→ next song  p/← previous  s/↓ next section  b/↑ previous section  q quit";

    /// <summary>The action for a key, or null for a key that has none.</summary>
    public static StageAction? ActionFor(ConsoleKeyInfo key) => key.Key switch
    {
        ConsoleKey.Spacebar => StageAction.PlayStop,
        ConsoleKey.N or ConsoleKey.RightArrow => StageAction.NextSong,
        ConsoleKey.P or ConsoleKey.LeftArrow => StageAction.PreviousSong,
        ConsoleKey.S or ConsoleKey.DownArrow => StageAction.NextSection,
        ConsoleKey.B or ConsoleKey.UpArrow => StageAction.PreviousSection,
        _ => null,
    };

    public static bool IsQuit(ConsoleKeyInfo key) =>
        key.Key is ConsoleKey.Q or ConsoleKey.Escape || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control));
}
