using StageBox.Hal;
using StageBox.App.Configuration;
using StageBox.Control.Input;
using StageBox.Control.Mapping;
using StageBox.Hal.Gpio;

namespace StageBox.App.Session;

/// <summary>
/// The floor unit on the box: one GPIO line request for the switches and the encoder, and the
/// control thread that reads their timestamped edges and feeds them, with a 5 ms tick for
/// holds, to the input router.
/// </summary>
internal sealed class GpioControls : IDisposable
{
    private const int TickMilliseconds = 5;
    private readonly GpioChip _chip;
    private readonly GpioInputLines _lines;
    private readonly InputRouter _router;
    private readonly Thread _thread;
    private volatile bool _stop;

    public GpioControls(ControlSettings settings, Func<InputLayout, bool[], InputRouter> router)
    {
        _chip = GpioChip.OpenPathOrLabel(settings.Chip);
        try
        {
            _lines = new GpioInputLines(_chip, settings.LineOffsets
                .Select(offset => new GpioInput(offset, settings.Bias, settings.ActiveLow, settings.DebounceUs)).ToArray());
        }
        catch
        {
            _chip.Dispose();
            throw;
        }
        // What the lines read now, nothing pressed, tells normally-open from normally-closed pedals.
        _router = router(InputLayout.ThreeSwitchFloorUnit, _lines.ReadValues());
        _thread = new Thread(Run) { Name = "stagebox-gpio", IsBackground = true };
        _thread.Start();
    }

    public string Description => $"GPIO chip {_chip.Label} ({_chip.Path}), {_lines.Count} lines";

    private void Run()
    {
        Span<GpioEdge> edges = stackalloc GpioEdge[16];
        while (!_stop)
        {
            int count = _lines.ReadEvents(edges, TickMilliseconds);
            foreach (GpioEdge edge in edges[..count])
                _router.OnEdge(new LineEdge(edge.Line, edge.Rising, edge.TimestampNanoseconds, edge.LineSequence));
            _router.Tick(MonotonicClock.NowNanoseconds());
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _lines.Dispose();
        _chip.Dispose();
    }
}
