using StageBox.Tests.Hal;
using StageBox.Tests.Hal.Mounts;

namespace StageBox.Tests.App;

/// <summary>`stagebox watch-sticks` as the technician runs it, with real tmpfs sticks under a temporary media root.</summary>
public sealed class WatchSticksCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new();

    private string MediaRoot => _directory.File("media");

    [Fact]
    public void Prints_each_stick_arriving_with_its_verdict_and_leaving()
    {
        using TmpfsMount present = TmpfsMount.At(Path.Join(MediaRoot, "stagebox-usb-sdf1"));
        using RunningStageBox watch = StageBoxProcess.Start(_directory.Path, "watch-sticks", "--media-root", MediaRoot);
        watch.WaitForLine(line => line == $"watching for sticks under {MediaRoot}", Patience, "the watching line");
        watch.WaitForLine(line => line == $"stick: {present.Path} (ignored: no StageBox/ folder at its root)", Patience, "the stick present at start");

        using TmpfsMount stick = TmpfsMount.At(Path.Join(MediaRoot, "stagebox usb sdg1"));
        watch.WaitForLine(line => line == $"stick: {stick.Path} (ignored: no StageBox/ folder at its root)", Patience, "the new, empty stick");
        Directory.CreateDirectory(Path.Join(stick.Path, "StageBox"));
        stick.Remount("ro,nodev");
        watch.WaitForLine(line => line.StartsWith($"stick: {stick.Path} (refused: mounted without nosuid, noexec;", StringComparison.Ordinal), Patience, "the refusal");
        stick.Remount("ro,nosuid,nodev,noexec");
        watch.WaitForLine(line => line == $"stick: {stick.Path} (ok)", Patience, "the stick accepted");
        stick.Unmount();
        watch.WaitForLine(line => line == $"stick: {stick.Path} (removed)", Patience, "the stick leaving");
    }

    public void Dispose() => _directory.Dispose();
}
