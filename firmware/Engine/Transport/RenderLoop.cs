using System.Diagnostics;
using StageBox.Hal;

namespace StageBox.Engine.Transport;

/// <summary>
/// The audio thread: renders a period, writes it to the device (the one blocking call),
/// and again, until stopped. A fault on the thread is kept for the owner to report.
/// </summary>
public sealed class RenderLoop : IDisposable
{
    private readonly MixChain _mixes;
    private readonly IPcmOutput _output;
    private readonly Thread _thread;
    private readonly Action? _prepareThread;
    private readonly IPeriodStage? _stage;
    private volatile bool _stopRequested;

    /// <param name="prepareThread">Runs first on the audio thread, before any audio: where it raises its own priority.</param>
    /// <param name="mixes">The engine and the stages its mix goes through.</param>
    /// <param name="stage">Between the mix chain and the device on a box of a redundant pair; null: the chain's periods go straight out.</param>
    public RenderLoop(MixChain mixes, IPcmOutput output, Action? prepareThread = null, IPeriodStage? stage = null)
    {
        _prepareThread = prepareThread;
        _stage = stage;
        if (output.Format != mixes.Engine.Format)
            throw new ArgumentException($"the device takes {output.Format} but the engine renders {mixes.Engine.Format}");
        _mixes = mixes;
        _output = output;
        _thread = new Thread(Run) { Name = "stagebox-audio", IsBackground = true, Priority = ThreadPriority.Highest };
    }

    private PlaybackEngine Engine => _mixes.Engine;

    public Exception? Fault { get; private set; }
    public RenderHealth Health { get; } = new();
    public bool IsRunning => _thread.IsAlive;

    public void Start() => _thread.Start();

    /// <summary>
    /// The audio thread's warm-up: its own set-up and first period, the calls that first touch the
    /// device and the stage on this thread. From then on it must allocate nothing, and counts
    /// what it allocates to prove it.
    /// </summary>
    private void Run()
    {
        var period = new byte[Engine.PeriodBytes];
        try
        {
            _prepareThread?.Invoke();
            if (!_stopRequested) RenderAndWrite(period);
            Health.WarmedUp();
            while (!_stopRequested)
            {
                RenderAndWrite(period);
                Health.RecordAllocations();
            }
        }
        catch (Exception e)
        {
            Fault = e;
        }
    }

    private void RenderAndWrite(byte[] period)
    {
        long started = Stopwatch.GetTimestamp();
        if (_stage is null) _mixes.RenderPeriod(period);
        else _stage.Render(_mixes, _output, period);
        Health.RecordRender((long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
        _output.Write(period);
        long delayFrames = _output.DelayFramesNow(out long delayAt);
        // The device's state first: whoever sees the stage's new heard position then sees the device trouble behind it too.
        Health.RecordDevice(_output.Xruns, delayFrames, _output.DeviceLosses, _output.DeviceAway);
        _stage?.Written(delayFrames, delayAt);
        if (Engine.LastPeriodCommandIssuedAt != 0) Health.RecordControlLatency(HeardAtNanoseconds(delayFrames) - Engine.LastPeriodCommandIssuedAt);
    }

    /// <summary>
    /// When the first frame of the period just written will be heard: now, plus the frames
    /// queued ahead of it (the delay after the write, less the period itself), on the clock of
    /// GPIO event timestamps.
    /// </summary>
    private long HeardAtNanoseconds(long delayFrames) =>
        MonotonicClock.NowNanoseconds()
        + Math.Max(0, delayFrames - Engine.PeriodFrames) * 1_000_000_000 / Engine.Format.SampleRate;

    public void Dispose()
    {
        _stopRequested = true;
        if (_thread.IsAlive) _thread.Join();
    }
}
