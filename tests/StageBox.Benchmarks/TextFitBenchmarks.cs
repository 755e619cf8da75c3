using BenchmarkDotNet.Attributes;
using StageBox.Control.Views;
using StageBox.Hal.Display;

namespace StageBox.Benchmarks;

/// <summary>
/// Drawing an 8,000-character title into the title's place on the screen (issue 24: cut a
/// character at a time, it took 3.9 s a frame; validation now caps titles at 100 characters,
/// but the painter must not depend on it).
/// </summary>
[MemoryDiagnoser]
public class TextFitBenchmarks
{
    private readonly string _title = string.Concat(Enumerable.Repeat("Midnight Drive ", 534))[..8_000];
    private readonly FrameBuffer _frame = new(StageScreen.Width, StageScreen.Height);
    private ScreenFonts _fonts = null!;

    [GlobalSetup]
    public void Setup() => _fonts = new ScreenFonts();

    [GlobalCleanup]
    public void Cleanup() => _fonts.Dispose();

    [Benchmark(Description = "draw an 8,000-character title cut to 300 px")]
    public int DrawLongTitle() => TextPainter.Draw(_frame, _fonts.Title, _title, 10, 30, 0xFFFF, maxWidth: 300);
}
