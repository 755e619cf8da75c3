using StageBox.Hal;
using System.Collections.Concurrent;
using StageBox.App.Services;
using StageBox.Control.Input;
using StageBox.Control.Mapping;

namespace StageBox.App.Controls;

/// <summary>
/// The simulated box's floor unit: keys become edges on virtual lines laid out like the real
/// unit's, fed through the same gesture and encoder decoders, mapping and stage-safety rules
/// as GPIO edges. A terminal gives key presses, not releases, so a key is a tap (released
/// after 80 ms) and its shifted key a hold (released after a second); a turn of the encoder is
/// a full Gray-code detent. q (or Esc) ends the run. Only where a terminal gives keys.
/// </summary>
/// <param name="readKey">Waits for the next key: the terminal's (Console.ReadKey) unless a test types them.</param>
internal sealed class KeyboardControls(ControlSettings settings, Func<ConsoleKeyInfo>? readKey = null) : IBoxService
{
    public const string Help = " a/← prev song (A: prev section)  space play, S: stop (hold)  d/→ next song (D: next section)  ,/. turn encoder  enter push  q quit";

    private const long TapNanoseconds = 80_000_000, HoldNanoseconds = 1_000_000_000, EncoderEdgeNanoseconds = 2_000_000;
    private readonly InputLayout _layout = InputLayout.ThreeSwitchFloorUnit;
    private readonly ConcurrentQueue<LineEdge> _incoming = new();
    private readonly List<LineEdge> _due = [];
    private readonly ManualResetEventSlim _stop = new();
    private uint[] _sequences = [];
    private InputRouter? _router;
    private Thread? _thread;

    public void Start(BoxPorts ports)
    {
        _sequences = new uint[_layout.LineCount];
        _router = ControlRouting.RouterFor(settings, ports, _layout, new bool[_layout.LineCount]);
        _thread = new Thread(Run) { Name = "stagebox-input", IsBackground = true };
        _thread.Start();
        // Reading a key blocks and cannot be woken: this thread is left to end with the process.
        new Thread(() => ReadKeys(ports.Lifetime)) { Name = "stagebox-keys", IsBackground = true }.Start();
    }

    private void ReadKeys(BoxLifetime lifetime)
    {
        while (!lifetime.StopRequested)
        {
            ConsoleKeyInfo key = readKey?.Invoke() ?? Console.ReadKey(intercept: true);
            if (key.Key is ConsoleKey.Q or ConsoleKey.Escape || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control))) lifetime.RequestStop();
            else Press(key);
        }
    }

    /// <summary>Turns a key into edges; a key that is not a control does nothing.</summary>
    private void Press(ConsoleKeyInfo key)
    {
        long now = MonotonicClock.NowNanoseconds();
        bool held = char.IsUpper(key.KeyChar);
        switch (char.ToLowerInvariant(key.KeyChar), key.Key)
        {
            case ('a', _) or (_, ConsoleKey.LeftArrow): Switch("left", now, held); break;
            case (' ', _) or ('s', _): Switch("middle", now, held); break;
            case ('d', _) or (_, ConsoleKey.RightArrow): Switch("right", now, held); break;
            case (_, ConsoleKey.Enter): Line(_layout.EncoderPush!.Value, now, held); break;
            case ('.', _) or (_, ConsoleKey.DownArrow): Turn(now, clockwise: true); break;
            case (',', _) or (_, ConsoleKey.UpArrow): Turn(now, clockwise: false); break;
        }
    }

    private void Switch(string name, long now, bool held) => Line(_layout.Footswitches.Single(s => s.Name == name).Line, now, held);

    private void Line(int line, long now, bool held)
    {
        _incoming.Enqueue(new LineEdge(line, true, now, 0));
        _incoming.Enqueue(new LineEdge(line, false, now + (held ? HoldNanoseconds : TapNanoseconds), 0));
    }

    /// <summary>One detent: A leads B clockwise (00, 10, 11, 01, 00), B leads A the other way.</summary>
    private void Turn(long now, bool clockwise)
    {
        int first = clockwise ? _layout.EncoderA!.Value : _layout.EncoderB!.Value, second = clockwise ? _layout.EncoderB!.Value : _layout.EncoderA!.Value;
        (int Line, bool Level)[] cycle = [(first, true), (second, true), (first, false), (second, false)];
        for (int i = 0; i < cycle.Length; i++) _incoming.Enqueue(new LineEdge(cycle[i].Line, cycle[i].Level, now + i * EncoderEdgeNanoseconds, 0));
    }

    /// <summary>The control thread: edges fall due in time order, with a 5 ms tick for holds.</summary>
    private void Run()
    {
        while (!_stop.Wait(5))
        {
            while (_incoming.TryDequeue(out LineEdge edge)) _due.Add(edge);
            long now = MonotonicClock.NowNanoseconds();
            if (_due.Count > 0)
                foreach (LineEdge edge in _due.Where(e => e.TimestampNanoseconds <= now).OrderBy(e => e.TimestampNanoseconds).ToArray())
                {
                    _due.Remove(edge);
                    _router!.OnEdge(edge with { LineSequence = ++_sequences[edge.Line] });
                }
            _router!.Tick(now);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _stop.Dispose();
    }
}
