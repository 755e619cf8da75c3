using StageBox.Control.Views;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Display;

namespace StageBox.Benchmarks;

/// <summary>
/// <c>make bench ARGS=display</c>: a minute of a 120 BPM song as the UI thread sees it, at
/// 25 frames per second on the song's own clock: the bytes the driver sends over SPI per second
/// and per frame, and the frame rate a 32 MHz bus could carry.
/// </summary>
internal static class ScreenTraffic
{
    private const int FramesPerSecond = 25, SpiClockHz = 32_000_000, Period = 256;

    public static void Run(TimeSpan length)
    {
        SetlistSlot[] setlist = BenchmarkSong.Setlist(120, 64);
        var engine = new PlaybackEngine(setlist, new PcmFormat(BenchmarkSong.Rate, 2, SampleFormat.Float32), Period);
        var period = new byte[engine.PeriodBytes];
        using var fonts = new ScreenFonts();
        var screen = new StageScreen(fonts);
        var bus = new CountingSpiDevice();
        var panel = new Ili9341Panel(bus.Wiring, PanelRotation.Landscape);
        var composer = new ScreenComposer(setlist);
        var frame = new FrameBuffer(StageScreen.Width, StageScreen.Height);
        engine.Commands.TryEnqueue(TransportCommand.Play);
        var bytesPerFrame = new List<long>();
        ScreenContent? shown = null;
        long framesRendered = 0, uiFrames = (long)(length.TotalSeconds * FramesPerSecond);
        for (long uiFrame = 0; uiFrame < uiFrames; uiFrame++)
        {
            long songNanoseconds = uiFrame * 1_000_000_000L / FramesPerSecond;
            while (framesRendered * 1_000_000_000L / BenchmarkSong.Rate < songNanoseconds)
            {
                engine.RenderPeriod(period);
                framesRendered += Period;
            }
            ScreenContent content = composer.Compose(engine.Position.Read(), BoxAlerts.None, songNanoseconds);
            if (content == shown) continue;
            long before = bus.Bytes;
            screen.Draw(content, frame);
            panel.Present(frame);
            if (shown is not null) bytesPerFrame.Add(bus.Bytes - before); // the first frame is the whole screen
            shown = content;
        }
        long[] sorted = [.. bytesPerFrame.Where(b => b > 0).Order()];
        long total = bytesPerFrame.Sum();
        double seconds = length.TotalSeconds, bytesPerSecond = SpiClockHz / 8.0;
        Console.WriteLine($"stage screen, 120 BPM 4/4, {seconds:0} s at {FramesPerSecond} fps: {bytesPerFrame.Count} frames drawn of {uiFrames}");
        Console.WriteLine($"  SPI traffic: {total / seconds / 1024:0.0} KiB/s, {100 * total * 8 / seconds / SpiClockHz:0.00}% of a {SpiClockHz / 1e6:0} MHz bus");
        Console.WriteLine($"  bytes per frame that sent any ({sorted.Length}): median {sorted[sorted.Length / 2]:N0}, max {sorted[^1]:N0} (a whole screen is {320 * 240 * 2 + 11:N0})");
        Console.WriteLine($"  frame rate the bus could carry: {bytesPerSecond / sorted[sorted.Length / 2]:0} fps at the median change, {bytesPerSecond / sorted[^1]:0} fps at the largest, {bytesPerSecond / (320 * 240 * 2 + 11):0.0} fps for whole screens");
    }
}
