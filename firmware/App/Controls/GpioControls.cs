using StageBox.Hal;
using StageBox.App.Services;
using StageBox.Control.Input;
using StageBox.Control.Mapping;
using StageBox.Hal.Gpio;

namespace StageBox.App.Controls;

/// <summary>
/// The floor unit on the box: one GPIO line request for the switches and the encoder (made when
/// built, so a wrong chip or line fails before anything plays), and the control thread that
/// reads their timestamped edges and feeds them, with a 5 ms tick for holds, to the input router.
/// </summary>
internal sealed class GpioControls : IBoxService
{
    private const int TickMilliseconds = 5;
    private readonly ControlSettings _settings;
    private readonly GpioChip _chip;
    private readonly GpioInputLines _lines;
    private readonly Thread _thread;
    private InputRouter? _router;
    private volatile bool _stop;

    public GpioControls(ControlSettings settings)
    {
        _settings = settings;
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
        _thread = new Thread(Run) { Name = "stagebox-gpio", IsBackground = true };
    }

    public void Start(BoxPorts ports)
    {
        ports.Log.WriteLine($"controls: GPIO chip {_chip.Label} ({_chip.Path}), {_lines.Count} lines");
        // What the lines read now, nothing pressed, tells normally-open from normally-closed pedals.
        _router = ControlRouting.RouterFor(_settings, ports, InputLayout.ThreeSwitchFloorUnit, _lines.ReadValues());
        _thread.Start();
    }

    private void Run()
    {
        Span<GpioEdge> edges = stackalloc GpioEdge[16];
        while (!_stop)
        {
            int count = _lines.ReadEvents(edges, TickMilliseconds);
            foreach (GpioEdge edge in edges[..count])
                _router!.OnEdge(new LineEdge(edge.Line, edge.Rising, edge.TimestampNanoseconds, edge.LineSequence));
            _router!.Tick(MonotonicClock.NowNanoseconds());
        }
    }

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive) _thread.Join();
        _lines.Dispose();
        _chip.Dispose();
    }
}
