namespace StageBox.App.Services;

/// <summary>
/// One part of the running box beside the audio path: a control source, an observer, a
/// reporter. It is built from the configuration (opening its hardware, so a wrong setting fails
/// before anything plays), started with the <see cref="BoxPorts"/> (all it may use of the box),
/// and stopped by <see cref="IDisposable.Dispose"/>. It owns a thread of its own, or is a
/// <see cref="TickedService"/> that the host calls at its interval. Never the audio thread.
/// </summary>
internal interface IBoxService : IDisposable
{
    void Start(BoxPorts ports);

    /// <summary>A line for the run's summary once stopped (frames drawn, pings sent), or null.</summary>
    string? Summary => null;
}
