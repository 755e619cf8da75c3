using System.Runtime.InteropServices;

namespace StageBox.App.Services;

/// <summary>
/// When the running box ends: Ctrl-C, SIGTERM (systemctl stop, which must end as cleanly as
/// Ctrl-C: the import process, the status file, the last frame), or a service asking (the q key,
/// the end of a timed run, the audio thread gone).
/// </summary>
internal sealed class BoxLifetime : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly PosixSignalRegistration _terminate;

    public BoxLifetime()
    {
        _onCancel = (_, e) =>
        {
            e.Cancel = true;
            RequestStop();
        };
        Console.CancelKeyPress += _onCancel;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            RequestStop();
        });
    }

    public bool StopRequested => _stop.IsSet;

    /// <summary>The box ends because its audio thread failed, not because anyone asked: systemd restarts it, and it should come back where the set was.</summary>
    public bool EndsOnFault { get; private set; }

    public void RequestStop() => _stop.Set();

    /// <summary>Ends the box because its audio thread has stopped on a fault.</summary>
    public void StopOnFault()
    {
        EndsOnFault = true;
        _stop.Set();
    }

    /// <summary>Blocks the calling thread until a stop is asked for.</summary>
    public void WaitForStop() => _stop.Wait();

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        // The event stays usable: the key-reading thread, blocked in ReadKey, may still ask for a stop as the process ends.
        _terminate.Dispose();
    }
}
