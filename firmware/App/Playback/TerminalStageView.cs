using StageBox.Control.Views;
using StageBox.Engine.Transport;

namespace StageBox.App.Playback;

/// <summary>
/// The simulated box's stand-in for its stage screen: a UI thread that reads the position
/// snapshot 20 times a second (never touching the audio thread) and draws it. On a terminal
/// it redraws a panel in place; into a pipe or file it writes one line per beat change, so a
/// script can follow the show.
/// </summary>
internal sealed class TerminalStageView : IDisposable
{
    private const int FramesPerSecond = 20;
    private readonly PositionSnapshot _position;
    private readonly IReadOnlyList<SetlistSlot> _setlist;
    private readonly bool _interactive;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private string _lastLine = "";

    private readonly RenderHealth _health;

    public TerminalStageView(PositionSnapshot position, RenderHealth health, IReadOnlyList<SetlistSlot> setlist, string footer)
    {
        _position = position;
        _health = health;
        _setlist = setlist;
        _interactive = !Console.IsOutputRedirected;
        Footer = footer;
        _thread = new Thread(Run) { Name = "stagebox-ui", IsBackground = true };
    }

    private string Footer { get; }

    public void Start() => _thread.Start();

    private void Run()
    {
        if (_interactive) Console.Write("\u001b[?25l\u001b[2J");
        do Draw(StageStatus.From(_position.Read(), _setlist));
        while (!_stop.Wait(1000 / FramesPerSecond));
        Draw(StageStatus.From(_position.Read(), _setlist));
        if (_interactive) Console.Write("\u001b[?25h\n");
    }

    private void Draw(StageStatus s)
    {
        string line = $"[{s.SongNumber}/{s.SongCount}] {s.Song} | {s.Transport} | bar {s.Bar} beat {s.Beat}/{s.BeatsPerBar} | {s.Section} | {s.Tempo} {s.Meter} | next: {s.NextSong}";
        if (!_interactive)
        {
            if (line != _lastLine) Console.WriteLine($"{s.Elapsed:mm\\:ss\\.f} {line}");
            _lastLine = line;
            return;
        }
        string beats = string.Concat(Enumerable.Range(1, s.BeatsPerBar).Select(b => b == s.Beat ? (b == 1 ? "[#]" : "[*]") : "[ ]"));
        string[] panel =
        [
            $" StageBox (simulated)              song {s.SongNumber} of {s.SongCount}",
            "",
            $"   {s.Song}",
            $"   {s.Transport}",
            "",
            $"   BAR {s.Bar,4}   beat {s.Beat} of {s.BeatsPerBar}   {beats}",
            $"   section  {s.Section}",
            $"   tempo    {s.Tempo}   meter {s.Meter}",
            $"   time     {s.Elapsed:mm\\:ss} elapsed, {s.Remaining:mm\\:ss} to go",
            $"   next     {s.NextSong}",
            $"   audio    {_health.Read()}",
            "",
            Footer,
        ];
        Console.Write("\u001b[H" + string.Join("\n", panel.Select(l => l + "\u001b[K")) + "\u001b[J");
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive) _thread.Join();
        _stop.Dispose();
    }
}
