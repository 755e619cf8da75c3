namespace StageBox.Hal.Display;

/// <summary>One output line a driver drives high or low: a panel's D/C or reset pin, a watchdog line.</summary>
public interface IDigitalOutput
{
    void Set(bool high);
}
