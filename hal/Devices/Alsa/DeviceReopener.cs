using StageBox.Hal.Native;

namespace StageBox.Hal.Alsa;

/// <summary>
/// Reopens a lost playback device on its own thread, so the audio thread never opens files,
/// allocates or waits: it sets <see cref="Wanted"/>, and picks the new PCM up with
/// <see cref="Take"/> once there is one. Only a device granting exactly the old format,
/// period and buffer is taken, so the engine goes on unchanged.
/// </summary>
internal sealed class DeviceReopener : IDisposable
{
    private const int RetryMilliseconds = 250;
    private readonly PcmRequest _request;
    private readonly OpenedPcm _original;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private volatile bool _wanted;
    private nint _reopened;

    public DeviceReopener(PcmRequest request, OpenedPcm original)
    {
        _request = request;
        _original = original;
        _thread = new Thread(Run) { Name = "stagebox-alsa", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Set by the audio thread when its device has gone.</summary>
    public bool Wanted
    {
        set => _wanted = value;
    }

    /// <summary>Why the last attempt failed, for the report; null when none has.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>The reopened PCM, handed over once (0 while there is none).</summary>
    public nint Take()
    {
        nint reopened = Interlocked.Exchange(ref _reopened, 0);
        if (reopened != 0) _wanted = false;
        return reopened;
    }

    private void Run()
    {
        while (!_stop.Wait(RetryMilliseconds))
        {
            if (!_wanted || Volatile.Read(ref _reopened) != 0) continue;
            try
            {
                OpenedPcm opened = PcmOpener.Open(_request);
                if (opened.Format == _original.Format && opened.PeriodFrames == _original.PeriodFrames && opened.BufferFrames == _original.BufferFrames)
                {
                    LastProblem = null;
                    Volatile.Write(ref _reopened, opened.Handle);
                }
                else
                {
                    LibAsound.Close(opened.Handle);
                    LastProblem = $"the device came back granting {opened.Format}, period {opened.PeriodFrames}, buffer {opened.BufferFrames}, not what it had";
                }
            }
            catch (AlsaException e)
            {
                LastProblem = e.Message;
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        nint unused = Interlocked.Exchange(ref _reopened, 0);
        if (unused != 0) LibAsound.Close(unused);
        _stop.Dispose();
    }
}
