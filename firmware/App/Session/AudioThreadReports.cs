using StageBox.App.Services;
using StageBox.Show.Playback;

namespace StageBox.App.Session;

/// <summary>
/// Says in the error log what the audio side reports from threads that must not write it
/// themselves: the audio thread's scheduling (set on the thread itself), stems the read-ahead
/// could not read, and an allocation on the audio thread at the moment it shows.
/// </summary>
internal sealed class AudioThreadReports(AudioThreadSetup threadSetup, StemReadAhead readAhead, TextWriter errors) : TickedService(TimeSpan.FromMilliseconds(20))
{
    private AudioThreadAllocationWatch? _allocations;

    public override void Start(BoxPorts ports)
    {
        base.Start(ports);
        _allocations = new AudioThreadAllocationWatch(ports.Health, Say);
    }

    public override void Tick(long nowNanoseconds)
    {
        foreach (string message in threadSetup.TakeMessages()) Say(message);
        foreach (string problem in readAhead.TakeProblems()) Say(problem);
        _allocations!.Observe(Ports.Position.Read());
    }

    private void Say(string message) => errors.WriteLine($"stagebox: {message}");
}
