using System.Globalization;
using System.Text.Unicode;

namespace StageBox.Hal.Sim;

/// <summary>
/// A text file beside a simulated device's recording that says when its frames reached the
/// speaker, on CLOCK_MONOTONIC: a line <c>start FRAME NS NS_PER_FRAME</c> each time the
/// device's timeline (re)starts (recorded frame FRAME is heard at NS, each later one
/// NS_PER_FRAME after the one before, until the next start), and <c>away NS</c> when the device
/// went away (nothing queued is heard after NS). With it, two boxes' recordings can be laid on
/// one clock and combined as a switcher would. Each line reaches the kernel as it is written,
/// so a killed box leaves it whole. The lines are written on the audio thread (a start per
/// underrun), so they are formatted into a buffer kept for it: the box counts what that thread
/// allocates, and the simulated device must not be what it counts.
/// </summary>
public sealed class HeardTimeline : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _line = new byte[128];

    public HeardTimeline(string path)
    {
        Path = path;
        _file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        // Formatted once here and not written: the number formatting's one-time set-up (32 bytes)
        // then happens on this thread, not on the audio thread at the device's first start.
        StartLine(0, 0, 1.5);
    }

    public string Path { get; }

    public void Started(long recordedFrame, long heardAtNanoseconds, double nanosecondsPerFrame) =>
        _file.Write(_line, 0, StartLine(recordedFrame, heardAtNanoseconds, nanosecondsPerFrame));

    public void Away(long atNanoseconds)
    {
        Utf8.TryWrite(_line, CultureInfo.InvariantCulture, $"away {atNanoseconds}\n", out int length);
        _file.Write(_line, 0, length);
    }

    private int StartLine(long recordedFrame, long heardAtNanoseconds, double nanosecondsPerFrame)
    {
        Utf8.TryWrite(_line, CultureInfo.InvariantCulture, $"start {recordedFrame} {heardAtNanoseconds} {nanosecondsPerFrame:R}\n", out int length);
        return length;
    }

    public void Dispose() => _file.Dispose();
}
