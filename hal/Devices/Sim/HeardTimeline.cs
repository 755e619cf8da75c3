using System.Globalization;

namespace StageBox.Hal.Sim;

/// <summary>
/// A text file beside a simulated device's recording that says when its frames reached the
/// speaker, on CLOCK_MONOTONIC: a line <c>start FRAME NS NS_PER_FRAME</c> each time the
/// device's timeline (re)starts (recorded frame FRAME is heard at NS, each later one
/// NS_PER_FRAME after the one before, until the next start), and <c>away NS</c> when the device
/// went away (nothing queued is heard after NS). With it, two boxes' recordings can be laid on
/// one clock and combined as a switcher would. Each line reaches the kernel as it is written,
/// so a killed box leaves it whole. Lines are rare (a start per underrun), so the few bytes
/// each allocates do not matter on this simulated device.
/// </summary>
public sealed class HeardTimeline(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);

    public string Path => path;

    public void Started(long recordedFrame, long heardAtNanoseconds, double nanosecondsPerFrame) =>
        Append(string.Create(CultureInfo.InvariantCulture, $"start {recordedFrame} {heardAtNanoseconds} {nanosecondsPerFrame:R}\n"));

    public void Away(long atNanoseconds) => Append(string.Create(CultureInfo.InvariantCulture, $"away {atNanoseconds}\n"));

    private void Append(string line) => _file.Write(System.Text.Encoding.ASCII.GetBytes(line));

    public void Dispose() => _file.Dispose();
}
