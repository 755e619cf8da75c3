namespace StageBox.Hal.Gpio;

/// <summary>What a <see cref="GpioOutputLine"/> needs of its request; lets tests stand in for a GPIO chip.</summary>
internal interface IOutputLineSet
{
    int Count { get; }
    void Set(int index, bool value);
}
