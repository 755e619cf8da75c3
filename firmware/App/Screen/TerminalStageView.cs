using StageBox.App.Screen;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;

namespace StageBox.App.Screen;

/// <summary>
/// The stage screen in the terminal, drawn by the UI thread. On a terminal it redraws in place:
/// the panel's glass in 24-bit colour half-blocks when there is a panel (the emulator on a PC),
/// else the same facts as text. Into a pipe or file it writes one line per beat change, so a
/// script can follow the show.
/// </summary>
internal sealed class TerminalStageView(string footer)
{
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private string _lastLine = "";
    private string _picture = "";

    public void Begin()
    {
        if (_interactive) Console.Write("\u001b[?25l\u001b[2J");
    }

    public void End()
    {
        if (_interactive) Console.Write("\u001b[?25h\n");
    }

    /// <param name="health">The audio thread's figures, shown under the picture.</param>
    /// <param name="glass">The panel's picture, or null without a panel.</param>
    /// <param name="glassChanged">The picture differs from the last one shown.</param>
    public void Show(StageStatus s, HealthReport health, FrameBuffer? glass, bool glassChanged)
    {
        string line = $"[{s.SongNumber}/{s.SongCount}] {s.Song} | {s.Transport} | bar {s.Bar} beat {s.Beat}/{s.BeatsPerBar} | {s.Section} | {s.Tempo} {s.Meter} | next: {s.NextSong}";
        if (!_interactive)
        {
            if (line != _lastLine) Console.WriteLine($"{s.Elapsed:mm\\:ss\\.f} {line}");
            _lastLine = line;
            return;
        }
        if (glass is not null && glassChanged)
            _picture = TerminalPicture.Render(glass, TerminalPicture.ScaleFor(glass, Console.WindowWidth, Math.Max(8, Console.WindowHeight - 4)));
        string[] panel = glass is not null
            ? [_picture + $" audio {health}", footer]
            :
            [
                $" StageBox              song {s.SongNumber} of {s.SongCount}",
                "",
                $"   {s.Song}",
                $"   {s.Transport}",
                "",
                $"   BAR {s.Bar,4}   beat {s.Beat} of {s.BeatsPerBar}",
                $"   section  {s.Section}",
                $"   tempo    {s.Tempo}   meter {s.Meter}",
                $"   time     {s.Elapsed:mm\\:ss} elapsed, {s.Remaining:mm\\:ss} to go",
                $"   next     {s.NextSong}",
                $"   audio    {health}",
                "",
                footer,
            ];
        Console.Write("\u001b[H" + string.Join("\n", panel.Select(l => l + "\u001b[K")) + "\u001b[J");
    }
}
