using StageBox.Hal;
using StageBox.App.Session;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;

namespace StageBox.App.Screen;

/// <summary>
/// The UI thread: at a steady frame rate it reads the position snapshot and the audio thread's
/// health (both lock-free, never waiting on the audio thread), composes the screen, has the
/// panel send what changed, and updates the terminal and the PNG snapshots.
/// </summary>
internal sealed class StageDisplay : IDisposable
{
    private readonly PositionSnapshot _position;
    private readonly RenderHealth _health;
    private readonly PanelScreen? _panel;
    private readonly TerminalStageView _terminal;
    private readonly ScreenSnapshots? _snapshots;
    private readonly long _frameNanoseconds;
    private readonly FrameBuffer _glass = new(StageScreen.Width, StageScreen.Height);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private long _startedAt, _stoppedAt;

    public StageDisplay(PositionSnapshot position, RenderHealth health, IReadOnlyList<SetlistSlot> setlist, PanelScreen? panel, TerminalStageView terminal, ScreenSnapshots? snapshots, int framesPerSecond)
    {
        _position = position;
        _health = health;
        _panel = panel;
        _terminal = terminal;
        _snapshots = snapshots;
        _frameNanoseconds = 1_000_000_000L / framesPerSecond;
        Composer = new ScreenComposer(setlist);
        _thread = new Thread(Run) { Name = "stagebox-ui", IsBackground = true };
    }

    /// <summary>Where the other parts of the box post their alerts for the status line.</summary>
    public ScreenComposer Composer { get; }

    public void Start()
    {
        _startedAt = MonotonicClock.NowNanoseconds();
        _thread.Start();
    }

    private void Run()
    {
        _terminal.Begin();
        long nextFrame = MonotonicClock.NowNanoseconds();
        do
        {
            ShowFrame();
            nextFrame += _frameNanoseconds;
        }
        while (!_stop.Wait(TimeSpan.FromTicks(Math.Max(0, nextFrame - MonotonicClock.NowNanoseconds()) / 100)));
        ShowFrame();
        if (_panel is not null) _snapshots?.WriteLatest(_glass);
        _terminal.End();
    }

    private void ShowFrame()
    {
        ScreenContent content = Composer.Compose(_position.Read(), _health.Read(), MonotonicClock.NowNanoseconds());
        bool changed = _panel?.Show(content) ?? false;
        if (changed) _panel!.CopyGlassTo(_glass);
        _terminal.Show(content.Status, _panel is null ? null : _glass, changed);
        if (changed) _snapshots?.Offer(content, _glass);
    }

    /// <summary>Frames drawn, their draw-and-send times and the SPI traffic, for the run's summary.</summary>
    public string Summary()
    {
        if (_panel is null) return "display: none";
        TimeHistogram times = _panel.FrameTimes;
        double seconds = (_stoppedAt - _startedAt) / 1e9;
        return $"display: {_panel.Description}; {times.Count} frames drawn, draw and send p50 {times.PercentileMicroseconds(0.5) / 1e3:0.0} ms, max {times.MaxMicroseconds / 1e3:0.0} ms; "
            + $"{_panel.BytesSent / Math.Max(seconds, 1e-3) / 1024:0.0} KiB/s over SPI"
            + (_snapshots is null ? "" : $"; {_snapshots.Written} snapshots in {_snapshots.Folder}");
    }

    /// <summary>Draws the last frame, writes latest.png and stops the thread. A second call does nothing.</summary>
    public void Dispose()
    {
        if (_stoppedAt != 0) return;
        _stop.Set();
        if (_thread.IsAlive) _thread.Join();
        _stoppedAt = MonotonicClock.NowNanoseconds();
        _stop.Dispose();
    }
}
