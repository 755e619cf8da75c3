using StageBox.Hal.Display;

namespace StageBox.Benchmarks;

/// <summary>An SPI bus that only counts: the driver's work without a panel's wire time.</summary>
internal sealed class CountingSpiDevice : ISpiDevice, IDigitalOutput
{
    public int ClockHz => 32_000_000;
    public long Bytes { get; private set; }
    public void Write(ReadOnlySpan<byte> bytes) => Bytes += bytes.Length;
    public void Set(bool high) { }
    public void Dispose() { }
    public PanelWiring Wiring => new(this, this, this);
}
