using StageBox.Hal;
using StageBox.App.Configuration;
using StageBox.App.Services;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;

namespace StageBox.App.Screen;

/// <summary>
/// The UI thread: at a steady frame rate it reads the box state (lock-free, never waiting on the
/// audio thread), composes the screen, has the panel send what changed, and updates the terminal
/// and the PNG snapshots.
/// </summary>
internal sealed class StageDisplay : IBoxService
{
    private readonly ScreenComposer _composer;
    private readonly PanelScreen? _panel;
    private readonly TerminalStageView _terminal;
    private readonly ScreenSnapshots? _snapshots;
    private readonly long _frameNanoseconds;
    private readonly FrameBuffer _glass = new(StageScreen.Width, StageScreen.Height);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private BoxStateSource? _state;
    private long _startedAt, _stoppedAt;

    private StageDisplay(IReadOnlyList<SetlistSlot> setlist, PanelScreen? panel, ScreenSnapshots? snapshots, int framesPerSecond, TerminalStageView terminal)
    {
        _composer = new ScreenComposer(setlist);
        _panel = panel;
        _terminal = terminal;
        _snapshots = snapshots;
        _frameNanoseconds = 1_000_000_000L / framesPerSecond;
        _thread = new Thread(Run) { Name = "stagebox-ui", IsBackground = true };
    }

    /// <summary>
    /// The screen for <paramref name="setlist"/>: on the configured panel, or on the simulated box
    /// the emulator, or in the terminal alone when neither; opened now, so a wrong setting fails before anything plays.
    /// </summary>
    /// <param name="pngFolder">Where PNG snapshots of the panel go (<c>--display-png</c>), or null.</param>
    /// <param name="footer">The terminal's last line: what the keys do.</param>
    public static StageDisplay Open(DisplaySettings settings, bool simulated, string? pngFolder, IReadOnlyList<SetlistSlot> setlist, string footer)
    {
        PanelScreen? panel = simulated ? PanelScreen.Simulated(settings.ClockHz)
            : settings.Chip.Length > 0 ? PanelScreen.Open(settings)
            : null;
        if (panel is not null) Console.WriteLine($"screen: {panel.Description}");
        if (pngFolder is not null && panel is null)
            throw new ConfigurationException("--display-png: this box has no screen to take pictures of (configure display.chip, or run with --sim)");
        return new StageDisplay(setlist, panel, pngFolder is null ? null : new ScreenSnapshots(pngFolder), settings.FramesPerSecond, new TerminalStageView(footer));
    }

    public void Start(BoxPorts ports)
    {
        _state = ports.State;
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
        BoxState state = _state!.Read();
        ScreenContent content = _composer.Compose(state.Position, state.Alerts, MonotonicClock.NowNanoseconds());
        bool changed = _panel?.Show(content) ?? false;
        if (changed) _panel!.CopyGlassTo(_glass);
        _terminal.Show(content.Status, state.Health, _panel is null ? null : _glass, changed);
        if (changed) _snapshots?.Offer(content, _glass);
    }

    /// <summary>Frames drawn, their draw-and-send times and the SPI traffic, for the run's summary.</summary>
    public string Summary
    {
        get
        {
            if (_panel is null) return "display: none";
            TimeHistogram times = _panel.FrameTimes;
            double seconds = (_stoppedAt - _startedAt) / 1e9;
            return $"display: {_panel.Description}; {times.Count} frames drawn, draw and send p50 {times.PercentileMicroseconds(0.5) / 1e3:0.0} ms, max {times.MaxMicroseconds / 1e3:0.0} ms; "
                + $"{_panel.BytesSent / Math.Max(seconds, 1e-3) / 1024:0.0} KiB/s over SPI"
                + (_snapshots is null ? "" : $"; {_snapshots.Written} snapshots in {_snapshots.Folder}");
        }
    }

    /// <summary>Draws the last frame, writes latest.png, stops the thread and closes the panel.</summary>
    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive) _thread.Join();
        _stoppedAt = MonotonicClock.NowNanoseconds();
        _stop.Dispose();
        _panel?.Dispose();
    }
}
