using System.Text.RegularExpressions;
using StageBox.Tests.Hal;
using StageBox.Tests.Redundancy.Pair;

namespace StageBox.Tests.App;

/// <summary>
/// The rule that the audio thread allocates nothing, checked where it matters: the real box (the
/// stagebox process, its render loop on its own audio thread) counts what that thread allocates
/// after its warm-up, through the rare paths a test of one component on the test thread never
/// takes: xruns, the device going away and coming back, stems streamed from the library.
/// (A pair in lockstep and a show taken over mid-play are checked in FailoverTests and StickImportTests.)
/// </summary>
public sealed partial class AudioThreadAllocationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _work = new();

    [Fact]
    public void Streaming_from_the_library_through_xruns_and_an_unplugged_device_allocates_nothing()
    {
        var show = new NoiseShow(_work.File("show"), bars: 30);
        string library = _work.File("library"), status = _work.File("status");
        StageBoxProcess.Result import = StageBoxProcess.Run(_work.Path, "import", show.Folder, "--library", library);
        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
        using RunningStageBox box = StageBoxProcess.Start(_work.Path,
            "run", "--sim", "--library", library, "--play", "--record", _work.File("sim.wav"), "--status-file", status, "--exit-after", "120");
        box.WaitForLine(IsPlaying, Patience, "the song playing");

        // Three stops of 150 ms, each seven times the 21 ms device buffer: an xrun each. The next
        // stop waits until the box has reported the last xrun, so it has played on in between.
        for (int stop = 1; stop <= 3; stop++)
        {
            Signals.Send(box.Id, Signals.Stop);
            using (var frozen = new ManualResetEventSlim()) frozen.Wait(TimeSpan.FromMilliseconds(150));
            Signals.Send(box.Id, Signals.Continue);
            int xruns = stop;
            StatusFiles.WaitFor(status, text => XrunsIn(text) >= xruns, $"{xruns} xruns", Patience);
        }
        Signals.Send(box.Id, Signals.User1);
        string lost = StatusFiles.WaitFor(status, text => text.Contains("device lost: 1 times"), "the device lost", Patience);
        Signals.Send(box.Id, Signals.Terminate);
        Assert.Equal(0, box.WaitForExit(Patience));

        Assert.Equal(0, AudioThreadAllocations.InStatus(lost));
        string summary = box.Transcript;
        Assert.True(XrunsAtExit(summary) >= 3, summary);
        Assert.Contains("device lost 1 times (away now)", summary);
        Assert.Matches(@"streamed stems: 1 files", summary);
        AudioThreadAllocations.AssertNoneAtExit(summary, minimumPeriods: 200);
    }

    [Fact]
    public void An_alsa_device_lost_and_reopened_costs_the_audio_thread_nothing()
    {
        // ALSA's file plugin writing into a FIFO: while the test reads it, the box plays; when the
        // test closes it, the write fails (EPIPE under the plugin, EIO to the box): the device has
        // gone. The box's reopener then blocks opening the FIFO until the test reads again.
        var show = new NoiseShow(_work.File("show"), bars: 8);
        string fifo = _work.File("device"), status = _work.File("status");
        SystemCommand.Run("mkfifo", fifo);
        using RunningStageBox box = StageBoxProcess.Start(_work.Path,
            "run", "--show", show.Folder, "--device", $"file:FILE={fifo},FORMAT=raw", "--play", "--status-file", status, "--exit-after", "120");
        const int Seconds4 = 4 * NoiseShow.Rate * 8 * sizeof(float);
        Assert.Equal(Seconds4, ReadFromDevice(fifo, Seconds4));
        StatusFiles.WaitFor(status, text => text.Contains("device lost: 1 times"), "the device lost", Patience);
        Assert.Equal(Seconds4, ReadFromDevice(fifo, Seconds4, thenUntilTheEnd: () => Signals.Send(box.Id, Signals.Terminate)));
        Assert.Equal(0, box.WaitForExit(Patience));

        string summary = box.Transcript;
        Assert.Contains("device lost 1 time(s) (last: Input/output error), reopened", summary);
        AudioThreadAllocations.AssertNoneAtExit(summary, minimumPeriods: 2 * Seconds4 / (256 * 8 * sizeof(float)));
    }

    private static bool IsPlaying(string line) => line.Contains("| PLAYING |", StringComparison.Ordinal);

    [GeneratedRegex(@"^audio thread: .*; xruns (\d+);", RegexOptions.Multiline)]
    private static partial Regex XrunsLine();

    [GeneratedRegex(@"^xruns: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex StatusXruns();

    private static long XrunsIn(string status) => StatusXruns().Match(status) is { Success: true } m ? long.Parse(m.Groups[1].Value) : -1;

    private static long XrunsAtExit(string summary) => long.Parse(XrunsLine().Match(summary) is { Success: true } m ? m.Groups[1].Value : "-1");

    /// <summary>
    /// Opens the FIFO for reading (which waits for the box to open it for writing) and reads
    /// <paramref name="bytes"/>, then closes it; or, given <paramref name="thenUntilTheEnd"/>, runs
    /// that and reads on until the box closes its end. The bytes read before that.
    /// </summary>
    private static int ReadFromDevice(string fifo, int bytes, Action? thenUntilTheEnd = null)
    {
        using var device = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var buffer = new byte[65536];
        int read = 0;
        while (read < bytes)
        {
            int got = device.Read(buffer, 0, Math.Min(buffer.Length, bytes - read));
            if (got == 0) break;
            read += got;
        }
        if (thenUntilTheEnd is null) return read;
        thenUntilTheEnd();
        while (device.Read(buffer) > 0) { }
        return read;
    }

    public void Dispose() => _work.Dispose();
}
