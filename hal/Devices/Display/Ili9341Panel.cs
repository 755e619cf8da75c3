using System.Buffers.Binary;
using StageBox.Hal.Native;

namespace StageBox.Hal.Display;

/// <summary>
/// The ILI9341 driver: a 240x320 TFT controller on 4-wire SPI. <see cref="Initialize"/> resets the
/// chip and sends the init sequence; <see cref="Present"/> sends only the rectangles that changed
/// since the last frame, each as a column and page address window and a memory write of RGB565
/// pixels, high byte first. Used from one thread (the UI thread).
/// </summary>
public sealed class Ili9341Panel
{
    public const int NativeWidth = 240, NativeHeight = 320;

    // Datasheet timings: reset pulse at least 10 us; after reset (or sleep out) 5 ms before the next
    // command, and 120 ms before sleep out (the chip loads its factory settings meanwhile).
    private const long ResetPulseNanoseconds = 20_000, AfterResetNanoseconds = 120_000_000, AfterSleepOutNanoseconds = 120_000_000;

    /// <summary>Pixel bytes staged per SPI write: spidev's default transfer limit, so one write is one transfer.</summary>
    private const int StagingBytes = 4096;

    private readonly PanelWiring _wiring;
    private readonly FrameBuffer _shown;
    private readonly List<PixelRect> _changed = new(64);
    private readonly byte[] _staging = new byte[StagingBytes];
    private bool _shownIsKnown;

    public Ili9341Panel(PanelWiring wiring, PanelRotation rotation)
    {
        _wiring = wiring;
        Rotation = rotation;
        bool landscape = rotation is PanelRotation.Landscape or PanelRotation.LandscapeFlipped;
        _shown = landscape ? new FrameBuffer(NativeHeight, NativeWidth) : new FrameBuffer(NativeWidth, NativeHeight);
    }

    public PanelRotation Rotation { get; }
    public int Width => _shown.Width;
    public int Height => _shown.Height;

    /// <summary>Bytes sent over SPI since the panel was created, commands included.</summary>
    public long BytesSent { get; private set; }

    /// <summary>MADCTL for the mounting: the rotations Adafruit and the vendors' sample code use, with BGR for the usual BGR-striped glass.</summary>
    public static byte MemoryAccessControlFor(PanelRotation rotation) => (byte)(Ili9341Command.MadctlBgr | rotation switch
    {
        PanelRotation.Portrait => Ili9341Command.MadctlColumnOrder,
        PanelRotation.Landscape => Ili9341Command.MadctlExchange,
        PanelRotation.PortraitFlipped => Ili9341Command.MadctlRowOrder,
        _ => Ili9341Command.MadctlRowOrder | Ili9341Command.MadctlColumnOrder | Ili9341Command.MadctlExchange,
    });

    /// <summary>Hardware reset, the power, gamma and format set-up, sleep out and display on. Takes about a quarter of a second.</summary>
    public void Initialize()
    {
        _wiring.Reset.Set(true);
        _wiring.Reset.Set(false);
        Wait(ResetPulseNanoseconds);
        _wiring.Reset.Set(true);
        Wait(AfterResetNanoseconds);
        // Power and VCOM values from the ILI9341 application notes for a 2.8-3.2" glass.
        Send(Ili9341Command.PowerControl1, 0x23);
        Send(Ili9341Command.PowerControl2, 0x10);
        Send(Ili9341Command.VcomControl1, 0x3E, 0x28);
        Send(Ili9341Command.VcomControl2, 0x86);
        Send(Ili9341Command.MemoryAccessControl, MemoryAccessControlFor(Rotation));
        Send(Ili9341Command.PixelFormatSet, Ili9341Command.SixteenBitsPerPixel);
        Send(Ili9341Command.FrameRateControl, 0x00, 0x18);          // 79 Hz refresh: no visible flicker under stage lights
        Send(Ili9341Command.DisplayFunctionControl, 0x08, 0x82, 0x27);
        Send(Ili9341Command.GammaSet, 0x01);
        Send(Ili9341Command.PositiveGammaCorrection, 0x0F, 0x31, 0x2B, 0x0C, 0x0E, 0x08, 0x4E, 0xF1, 0x37, 0x07, 0x10, 0x03, 0x0E, 0x09, 0x00);
        Send(Ili9341Command.NegativeGammaCorrection, 0x00, 0x0E, 0x14, 0x03, 0x11, 0x07, 0x31, 0xC1, 0x48, 0x08, 0x0F, 0x0C, 0x31, 0x36, 0x0F);
        Send(Ili9341Command.InversionOff);
        Send(Ili9341Command.SleepOut);
        Wait(AfterSleepOutNanoseconds);
        Send(Ili9341Command.DisplayOn);
        _shownIsKnown = false; // the panel's memory holds noise after a reset: the first frame goes out whole
    }

    /// <summary>Sends what differs between <paramref name="frame"/> and what the panel shows; returns the rectangles sent (valid until the next call).</summary>
    public IReadOnlyList<PixelRect> Present(FrameBuffer frame)
    {
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"a {Rotation} ILI9341 shows {Width}x{Height} frames, not {frame.Width}x{frame.Height}");
        if (_shownIsKnown) DirtyRegions.Find(_shown, frame, _changed);
        else
        {
            _changed.Clear();
            _changed.Add(frame.Bounds);
        }
        foreach (PixelRect area in _changed) SendArea(frame, area);
        frame.CopyTo(_shown);
        _shownIsKnown = true;
        return _changed;
    }

    private void SendArea(FrameBuffer frame, PixelRect area)
    {
        SendWindow(Ili9341Command.ColumnAddressSet, area.X, area.Right - 1);
        SendWindow(Ili9341Command.PageAddressSet, area.Y, area.Bottom - 1);
        SendCommand(Ili9341Command.MemoryWrite);
        int staged = 0;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            foreach (ushort pixel in frame.Row(y).Slice(area.X, area.Width))
            {
                BinaryPrimitives.WriteUInt16BigEndian(_staging.AsSpan(staged), pixel);
                staged += 2;
                if (staged == StagingBytes) staged = Flush(staged);
            }
        }
        Flush(staged);
    }

    private int Flush(int staged)
    {
        if (staged > 0) SendData(_staging.AsSpan(0, staged));
        return 0;
    }

    private void SendWindow(byte command, int start, int end)
    {
        Span<byte> bounds = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(bounds, (ushort)start);
        BinaryPrimitives.WriteUInt16BigEndian(bounds[2..], (ushort)end);
        SendCommand(command);
        SendData(bounds);
    }

    private void Send(byte command, params ReadOnlySpan<byte> parameters)
    {
        SendCommand(command);
        if (!parameters.IsEmpty) SendData(parameters);
    }

    private void SendCommand(byte command)
    {
        _wiring.DataCommand.Set(false);
        _wiring.Spi.Write([command]);
        BytesSent++;
    }

    private void SendData(ReadOnlySpan<byte> data)
    {
        _wiring.DataCommand.Set(true);
        _wiring.Spi.Write(data);
        BytesSent += data.Length;
    }

    private static void Wait(long nanoseconds) => MonotonicSleep.Until(MonotonicClock.NowNanoseconds() + nanoseconds);
}
