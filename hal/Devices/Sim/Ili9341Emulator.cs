using StageBox.Hal.Display;
using StageBox.Hal.Native;

namespace StageBox.Hal.Sim;

/// <summary>
/// The simulated twin of an ILI9341 panel on its SPI bus: it takes the very bytes the driver
/// sends, with the D/C and reset lines' levels, decodes the command stream into the chip's
/// 240x320 graphics memory, and shows it as the viewer sees the landscape-mounted glass. Like
/// the chip it ignores commands that arrive too soon after a reset or a sleep out (and records
/// each such violation), swaps red and blue unless MADCTL asks for BGR order (the glass is
/// BGR-striped), shows nothing until sleep out and display on, and paces writes at the SPI clock.
/// </summary>
public sealed class Ili9341Emulator : ISpiDevice
{
    private const long CommandHoldOffNanoseconds = 5_000_000, SleepOutHoldOffNanoseconds = 120_000_000;

    /// <summary>The command and violation logs keep this many recent entries, so a simulated box can run for days.</summary>
    private const int LogLimit = 8192;

    private readonly ushort[] _memory = new ushort[Ili9341Panel.NativeWidth * Ili9341Panel.NativeHeight];
    private readonly List<string> _violations = [];
    private readonly List<PanelCommand> _commands = [];
    private readonly List<byte> _parameters = [];
    private readonly Line _dataCommand, _reset;
    private readonly long _startedNs = MonotonicClock.NowNanoseconds();
    private long _busFreeAtNs;

    // Chip state, as after a reset.
    private bool _inReset, _sleeping = true, _displayOn;
    private byte _memoryAccess, _pixelFormat = 0x66;
    private int _columnStart, _columnEnd = Ili9341Panel.NativeWidth - 1, _pageStart, _pageEnd = Ili9341Panel.NativeHeight - 1;
    private int _column, _page;
    private byte _command;
    private bool _writingMemory;
    private int _pixelBytes;
    private int _pixelAccumulator;
    private long _holdOffUntilNs, _sleepOutAllowedAtNs;

    public Ili9341Emulator(int clockHz = 32_000_000)
    {
        ClockHz = clockHz;
        _dataCommand = new Line(this, isReset: false);
        _reset = new Line(this, isReset: true) { Level = true };
        Wiring = new PanelWiring(this, _dataCommand, _reset);
    }

    /// <summary>The wiring to hand the driver: this bus and the emulator's own D/C and reset lines.</summary>
    public PanelWiring Wiring { get; }
    public int ClockHz { get; }
    public long BytesReceived { get; private set; }

    /// <summary>Commands received in order, with their parameters (memory writes carry their window, not their pixels).</summary>
    public IReadOnlyList<PanelCommand> Commands => _commands;

    /// <summary>Everything the chip would have ignored or misread: too-early commands, bytes during reset.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>The memory windows written since the panel came up, as (column, page) rectangles in the current orientation.</summary>
    public IEnumerable<PixelRect> MemoryWrites => _commands.Where(c => c.Code == Ili9341Command.MemoryWrite).Select(c => c.Window);

    public byte MemoryAccessControl => _memoryAccess;

    /// <summary>The glass as a viewer sees it mounted landscape (the memory's rows run across): black while asleep or off.</summary>
    public FrameBuffer Snapshot()
    {
        var view = new FrameBuffer(Ili9341Panel.NativeHeight, Ili9341Panel.NativeWidth);
        CopyViewTo(view);
        return view;
    }

    /// <summary>As <see cref="Snapshot"/>, into a 320x240 frame the caller keeps, so a UI loop allocates nothing.</summary>
    public void CopyViewTo(FrameBuffer view)
    {
        if (view.Width != Ili9341Panel.NativeHeight || view.Height != Ili9341Panel.NativeWidth)
            throw new ArgumentException($"the glass is {Ili9341Panel.NativeHeight}x{Ili9341Panel.NativeWidth}, not {view.Width}x{view.Height}");
        view.Fill(0);
        if (_sleeping || !_displayOn) return;
        bool swapRedBlue = (_memoryAccess & Ili9341Command.MadctlBgr) == 0;
        for (int row = 0; row < Ili9341Panel.NativeHeight; row++)
            for (int column = 0; column < Ili9341Panel.NativeWidth; column++)
            {
                ushort pixel = _memory[row * Ili9341Panel.NativeWidth + column];
                view[row, column] = swapRedBlue ? SwapRedBlue(pixel) : pixel;
            }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        PaceAtClock(bytes.Length);
        BytesReceived += bytes.Length;
        if (_inReset)
        {
            Log(_violations, $"{bytes.Length} byte(s) sent while the reset line was held low");
            return;
        }
        foreach (byte value in bytes)
        {
            if (_dataCommand.Level) Data(value);
            else Command(value);
        }
    }

    public void Dispose() { }

    private void PaceAtClock(int byteCount)
    {
        long now = MonotonicClock.NowNanoseconds();
        _busFreeAtNs = Math.Max(_busFreeAtNs, now) + byteCount * 8L * 1_000_000_000 / ClockHz;
        MonotonicSleep.Until(_busFreeAtNs);
    }

    private void Command(byte code)
    {
        FinishCommand();
        long now = MonotonicClock.NowNanoseconds();
        if (now < _holdOffUntilNs)
        {
            Log(_violations, $"command 0x{code:X2} sent {(now - _startedNs) / 1e6:0.0} ms after start, {(_holdOffUntilNs - now) / 1e6:0.0} ms before the chip accepts commands");
            _command = 0;
            return;
        }
        _command = code;
        _parameters.Clear();
        _writingMemory = false;
        switch (code)
        {
            case Ili9341Command.SoftwareReset:
                ResetState(now);
                break;
            case Ili9341Command.SleepOut when now < _sleepOutAllowedAtNs:
                Log(_violations, $"sleep out sent {(_sleepOutAllowedAtNs - now) / 1e6:0.0} ms before 120 ms had passed since the reset");
                break;
            case Ili9341Command.SleepOut:
                _sleeping = false;
                _holdOffUntilNs = now + CommandHoldOffNanoseconds;
                break;
            case Ili9341Command.DisplayOn:
                _displayOn = true;
                break;
            case Ili9341Command.DisplayOff:
                _displayOn = false;
                break;
            case Ili9341Command.MemoryWrite:
                _column = _columnStart;
                _page = _pageStart;
                goto case Ili9341Command.WriteMemoryContinue;
            case Ili9341Command.WriteMemoryContinue:
                _writingMemory = true;
                _pixelBytes = 0;
                Log(_commands, new PanelCommand(code, [], new PixelRect(_columnStart, _pageStart, _columnEnd - _columnStart + 1, _pageEnd - _pageStart + 1)));
                return;
        }
        if (!IsParameterised(code)) Log(_commands, new PanelCommand(code, [], default));
    }

    private void Data(byte value)
    {
        if (_writingMemory)
        {
            Pixel(value);
            return;
        }
        if (_command == 0) return; // data of an ignored or unknown-start command
        _parameters.Add(value);
        if (_parameters.Count == ParameterCount(_command)) FinishCommand();
    }

    /// <summary>Applies a parameterised command once its parameters are in (or when the next command cuts it short).</summary>
    private void FinishCommand()
    {
        if (_command == 0 || _writingMemory || !IsParameterised(_command)) return;
        byte code = _command;
        _command = 0;
        byte[] parameters = [.. _parameters];
        Log(_commands, new PanelCommand(code, parameters, default));
        if (parameters.Length < ParameterCount(code))
        {
            Log(_violations, $"command 0x{code:X2} cut short: {parameters.Length} of its {ParameterCount(code)} parameters");
            return;
        }
        switch (code)
        {
            case Ili9341Command.ColumnAddressSet:
                (_columnStart, _columnEnd) = (Word(parameters, 0), Word(parameters, 2));
                break;
            case Ili9341Command.PageAddressSet:
                (_pageStart, _pageEnd) = (Word(parameters, 0), Word(parameters, 2));
                break;
            case Ili9341Command.MemoryAccessControl:
                _memoryAccess = parameters[0];
                break;
            case Ili9341Command.PixelFormatSet:
                _pixelFormat = parameters[0];
                break;
        }
    }

    /// <summary>One byte of pixel data: 2 per pixel in 16-bit mode, 3 (6 bits each, left-aligned) in 18-bit mode.</summary>
    private void Pixel(byte value)
    {
        _pixelAccumulator = (_pixelAccumulator << 8) | value;
        bool sixteenBit = (_pixelFormat & 0x0F) == 0x05;
        if (++_pixelBytes < (sixteenBit ? 2 : 3)) return;
        ushort pixel = sixteenBit
            ? (ushort)_pixelAccumulator
            : Rgb565.FromRgb((byte)(_pixelAccumulator >> 16), (byte)(_pixelAccumulator >> 8), (byte)_pixelAccumulator);
        _pixelBytes = 0;
        _pixelAccumulator = 0;
        StorePixel(pixel);
    }

    /// <summary>Writes at the window's current address, then advances along the column, wrapping to the next page and back to the window's start.</summary>
    private void StorePixel(ushort pixel)
    {
        bool exchange = (_memoryAccess & Ili9341Command.MadctlExchange) != 0;
        int column = exchange ? _page : _column, row = exchange ? _column : _page;
        if ((_memoryAccess & Ili9341Command.MadctlColumnOrder) != 0) column = Ili9341Panel.NativeWidth - 1 - column;
        if ((_memoryAccess & Ili9341Command.MadctlRowOrder) != 0) row = Ili9341Panel.NativeHeight - 1 - row;
        if ((uint)column < Ili9341Panel.NativeWidth && (uint)row < Ili9341Panel.NativeHeight)
            _memory[row * Ili9341Panel.NativeWidth + column] = pixel;
        if (++_column <= _columnEnd) return;
        _column = _columnStart;
        if (++_page > _pageEnd) _page = _pageStart;
    }

    private void ResetState(long now)
    {
        _sleeping = true;
        _displayOn = false;
        _memoryAccess = 0;
        _pixelFormat = 0x66;
        (_columnStart, _columnEnd, _pageStart, _pageEnd) = (0, Ili9341Panel.NativeWidth - 1, 0, Ili9341Panel.NativeHeight - 1);
        _command = 0;
        _writingMemory = false;
        _holdOffUntilNs = now + CommandHoldOffNanoseconds;
        _sleepOutAllowedAtNs = now + SleepOutHoldOffNanoseconds;
    }

    private void ResetLineChanged(bool level)
    {
        if (!level)
        {
            _inReset = true;
            return;
        }
        if (!_inReset) return;
        _inReset = false;
        ResetState(MonotonicClock.NowNanoseconds());
    }

    private static void Log<T>(List<T> log, T entry)
    {
        if (log.Count == LogLimit) log.RemoveRange(0, LogLimit / 2);
        log.Add(entry);
    }

    private static bool IsParameterised(byte code) => ParameterCount(code) > 0;

    /// <summary>Parameter bytes of the commands the emulator applies or expects; others take none.</summary>
    private static int ParameterCount(byte code) => code switch
    {
        Ili9341Command.ColumnAddressSet or Ili9341Command.PageAddressSet => 4,
        Ili9341Command.MemoryAccessControl or Ili9341Command.PixelFormatSet or Ili9341Command.GammaSet
            or Ili9341Command.PowerControl1 or Ili9341Command.PowerControl2 or Ili9341Command.VcomControl2 => 1,
        Ili9341Command.VcomControl1 or Ili9341Command.FrameRateControl => 2,
        Ili9341Command.DisplayFunctionControl => 3,
        Ili9341Command.PositiveGammaCorrection or Ili9341Command.NegativeGammaCorrection => 15,
        _ => 0,
    };

    private static int Word(byte[] parameters, int at) => (parameters[at] << 8) | parameters[at + 1];

    private static ushort SwapRedBlue(ushort pixel) => (ushort)((pixel & 0x07E0) | (pixel >> 11) | ((pixel & 0x1F) << 11));

    /// <summary>One of the emulator's input lines: D/C (sampled with each byte) or reset (acting on its edges).</summary>
    private sealed class Line(Ili9341Emulator panel, bool isReset) : IDigitalOutput
    {
        public bool Level { get; set; }

        public void Set(bool high)
        {
            Level = high;
            if (isReset) panel.ResetLineChanged(high);
        }
    }
}

/// <summary>A command the panel received: its code, its parameters, and for memory writes the window it wrote.</summary>
public sealed record PanelCommand(byte Code, byte[] Parameters, PixelRect Window);
