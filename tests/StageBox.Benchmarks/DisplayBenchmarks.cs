using BenchmarkDotNet.Attributes;
using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Display;

namespace StageBox.Benchmarks;

/// <summary>
/// The UI thread's work per frame: drawing the stage screen (FreeType glyphs from the cache,
/// blended into RGB565), and drawing plus finding and encoding the changed rectangles for the
/// driver when the beat moves on.
/// </summary>
[MemoryDiagnoser]
public class DisplayBenchmarks
{
    private ScreenFonts _fonts = null!;
    private StageScreen _screen = null!;
    private Ili9341Panel _panel = null!;
    private readonly FrameBuffer _frame = new(StageScreen.Width, StageScreen.Height);
    private ScreenContent[] _beats = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fonts = new ScreenFonts();
        _screen = new StageScreen(_fonts);
        SetlistSlot[] setlist = BenchmarkSong.Setlist(120, 40);
        var engine = new PlaybackEngine(setlist, new PcmFormat(BenchmarkSong.Rate, 2, SampleFormat.Float32), 256);
        var period = new byte[engine.PeriodBytes];
        engine.Commands.TryEnqueue(TransportCommand.LocateBar(12));
        engine.RenderPeriod(period);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        var beats = new List<ScreenContent>();
        while (beats.Count < 8)
        {
            engine.RenderPeriod(period);
            PlaybackPosition position = engine.Position.Read();
            var content = new ScreenContent(StageStatus.From(position, setlist), BoxAlerts.None, BeatFlash: true);
            if (beats.Count == 0 || beats[^1].Status != content.Status) beats.Add(content);
        }
        _beats = [.. beats];
        _panel = new Ili9341Panel(new CountingSpiDevice().Wiring, PanelRotation.Landscape);
        _screen.Draw(_beats[0], _frame);
        _panel.Present(_frame);
    }

    [GlobalCleanup]
    public void Cleanup() => _fonts.Dispose();

    [Benchmark(Description = "draw the stage screen")]
    public void Draw() => _screen.Draw(_beats[0], _frame);

    [Benchmark(Description = "draw and send a beat change")]
    public int DrawAndSendBeat()
    {
        _next = (_next + 1) % _beats.Length;
        _screen.Draw(_beats[_next], _frame);
        return _panel.Present(_frame).Count;
    }
}
