using StageBox.App.Configuration;
using StageBox.Control.Actions;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Hal.Sim;

namespace StageBox.App.Simulation;

/// <summary>
/// The box on a PC: the real engine and audio thread, playing through a clock-paced output
/// (a sound card's timing, recorded to WAV), with the keyboard as footswitches and the
/// terminal as the stage screen.
/// </summary>
internal sealed class SimulatedBox(AudioSettings audio, IReadOnlyList<SetlistSlot> setlist, string recordPath)
{
    /// <summary>Runs until q, Ctrl-C, <paramref name="exitAfter"/> or an audio fault; returns the exit code.</summary>
    public int Run(bool playAtOnce, TimeSpan? exitAfter)
    {
        PcmFormat format = audio.PcmFormat;
        EngineWarmUp.Run(setlist, format, audio.PeriodFrames);
        var engine = new PlaybackEngine(setlist, format, audio.PeriodFrames);
        var actions = new ActionDispatcher(engine.Commands, engine.Position);
        using var quit = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; quit.Set(); };
        Console.CancelKeyPress += onCancel;

        var output = new PacedPcmOutput(format, audio.PeriodFrames, audio.BufferFrames, recorder: new WavFileOutput(recordPath, format, audio.PeriodFrames));
        long started = MonotonicClock.NowNanoseconds();
        Exception? fault;
        using (var loop = new RenderLoop(engine, output))
        using (var view = new TerminalStageView(engine.Position, setlist, KeyboardFootswitches.Help))
        {
            loop.Start();
            view.Start();
            if (playAtOnce) actions.Dispatch(StageAction.PlayStop);
            var keyboard = Console.IsInputRedirected ? null : new Thread(() => ReadKeys(actions, quit)) { IsBackground = true, Name = "stagebox-keys" };
            keyboard?.Start();
            while (!quit.Wait(100) && loop.IsRunning)
                if (exitAfter is TimeSpan limit && Elapsed(started) >= limit) break;
            fault = loop.Fault;
        }
        output.Dispose();
        Console.CancelKeyPress -= onCancel;

        Console.WriteLine($"audio went to {recordPath}: {(double)output.FramesWritten / format.SampleRate:0.0} s, {format}; underruns: {output.Underruns}");
        if (fault is null) return 0;
        Console.Error.WriteLine($"stagebox: the audio thread stopped: {fault.Message}");
        return 1;
    }

    private static TimeSpan Elapsed(long startedNanoseconds) => TimeSpan.FromTicks((MonotonicClock.NowNanoseconds() - startedNanoseconds) / 100);

    private static void ReadKeys(ActionDispatcher actions, ManualResetEventSlim quit)
    {
        while (!quit.IsSet)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (KeyboardFootswitches.IsQuit(key)) quit.Set();
            else if (KeyboardFootswitches.ActionFor(key) is StageAction action) actions.Dispatch(action, MonotonicClock.NowNanoseconds());
        }
    }
}
