using System.Diagnostics;
using StageBox.Control.Views;
using StageBox.Hal.Display;
using StageBox.Show.Library;
using StageBox.Tests.Hal;
using StageBox.Tests.Media.Images;
using StageBox.Tests.Hal.Mounts;

namespace StageBox.Tests.App;

/// <summary>
/// The running box importing a USB stick, end to end with real processes: `stagebox run --sim`
/// plays the library's show while a tmpfs "stick" arrives under its media root, already mounted
/// ro,nosuid,nodev,noexec (a bind of a stick filled elsewhere), as the udev rule mounts one.
/// The shows are click-only, their titles telling the old show from the new.
/// </summary>
public sealed class StickImportTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _work = new();

    public StickImportTests()
    {
        string show = _work.File("installed-show");
        WriteShow(show, "First", "Second", firstBars: 6);
        StageBoxProcess.Result import = StageBoxProcess.Run(_work.Path, "import", show, "--library", Library);
        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
    }

    private string Library => _work.File("library");
    private string MediaRoot => _work.File("media");
    private string Pictures => _work.File("screen");

    [Fact]
    public void A_stick_plugged_in_while_stopped_is_imported_by_an_idle_process_of_its_own_and_plays_at_once()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string> { ["STAGEBOX_IMPORT_PAUSE_AT"] = "converted" });
        using TmpfsMount stick = PlugIn("stagebox-usb-sdh1", "First v2", "Second v2");

        box.WaitForLine(line => line == $"stick: {stick.Path} (ok)", Patience, "the stick accepted");
        int importer = StoppedChildOf(box.Id);
        (char state, int nice, int policy) = SchedulingOf(importer);
        // While the import waits, the status line shows how far it got.
        WaitForSnapshot(glass => StatusLineHas(glass, StagePalette.Import), "the import's progress bar");
        Resume(importer);

        box.WaitForLine(line => line == "import: generation g000002 installed; the box takes it over now", Patience, "the import installed");
        box.WaitForLines(Patience,
            ("the new show taken over", line => line.StartsWith("show: now playing generation g000002 from the library", StringComparison.Ordinal)),
            ("the new show on the screen", line => line.Contains("[1/2] First v2 | STOPPED", StringComparison.Ordinal)));
        Assert.Equal(0, Quit(box));

        Assert.Equal('T', state);
        Assert.Equal(19, nice);
        Assert.Equal(IdleSchedulingPolicy, policy);
        Assert.Equal("g000002", CurrentGeneration());
    }

    [Fact]
    public void While_a_song_plays_the_new_show_takes_over_only_where_a_song_ends()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string>(), "--play");
        box.WaitForLine(line => line.Contains("[1/2] First | PLAYING | bar 1 ", StringComparison.Ordinal), Patience, "the first song playing");
        using TmpfsMount stick = PlugIn("stagebox-usb-sdi1", "First v2", "Second v2");

        box.WaitForLine(line => line == "import: generation g000002 installed; the box takes it over when the song playing ends", Patience, "the import installed while playing");
        string firstNew = box.WaitForLines(Patience,
            ("the new show on the screen", line => line.Contains(" | ", StringComparison.Ordinal) && line.Contains(" v2", StringComparison.Ordinal)),
            ("the take-over logged", line => line.StartsWith("show: now playing generation g000002", StringComparison.Ordinal)))[0];
        Assert.Equal(0, Quit(box));

        // Not mid-song: the new show begins where a song begins: the second song's count-in, or stopped at the end of the set.
        Assert.True(firstNew.Contains("[2/2] Second v2 | COUNT-IN", StringComparison.Ordinal) || firstNew.Contains("[1/2] First v2 | STOPPED", StringComparison.Ordinal), firstNew);
        // The take-over happened on the audio thread, between two songs: it allocated nothing there.
        AudioThreadAllocations.AssertNoneAtExit(box.Transcript, minimumPeriods: 100);
    }

    /// <summary>
    /// The tests run as root, so the kernel grants SCHED_FIFO: the audio thread must have it, and
    /// no other thread may, before, during and after an import into the playing box. A thread
    /// inherits its creator's policy, so any thread the audio thread causes to be made (a
    /// thread-pool worker, a timer thread) would show here. The import is held at "converted"
    /// while the box reads its output, so the threads that reading makes are sampled too.
    /// </summary>
    [Fact]
    public void While_a_stick_is_imported_into_the_playing_box_only_its_audio_thread_runs_SCHED_FIFO()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string> { ["STAGEBOX_IMPORT_PAUSE_AT"] = "converted" }, "--play");
        using var sampler = new ThreadSampler(box.Id);
        box.WaitForLine(line => line.Contains("[1/2] First | PLAYING | bar 1 ", StringComparison.Ordinal), Patience, "the first song playing");
        using TmpfsMount stick = PlugIn("stagebox-usb-sdn1", "First v2", "Second v2");

        box.WaitForLine(line => line == $"stick: {stick.Path} (ok)", Patience, "the stick accepted");
        int importer = StoppedChildOf(box.Id);
        sampler.Phase = "during the import";
        IReadOnlyList<ThreadPolicies.Thread> duringImport = sampler.WaitForSample();
        Resume(importer);
        box.WaitForLine(line => line.StartsWith("show: now playing generation g000002", StringComparison.Ordinal), Patience, "the new show taken over");
        sampler.Phase = "after the take-over";
        IReadOnlyList<ThreadPolicies.Thread> afterImport = sampler.WaitForSample();
        sampler.Dispose();
        Assert.Equal(0, Quit(box));

        Assert.True(duringImport.Any(t => t.Name == "stagebox-audio" && t.Policy == ThreadPolicies.Fifo),
            $"the audio thread runs SCHED_FIFO (granted to root) during the import: {Describe(duringImport)}");
        Assert.True(afterImport.Any(t => t.Name == "stagebox-audio" && t.Policy == ThreadPolicies.Fifo),
            $"the audio thread runs SCHED_FIFO after the take-over: {Describe(afterImport)}");
        // The import's output is read through the thread pool: its workers were there to be looked at.
        Assert.Contains(duringImport, t => t.Name == ".NET TP Worker");
        string[] others = sampler.Samples.SelectMany(sample => sample.Threads
            .Where(t => t.Policy == ThreadPolicies.Fifo && t.Name != "stagebox-audio")
            .Select(t => $"{t.Name} ({sample.Phase})")).Distinct().ToArray();
        Assert.True(others.Length == 0, $"threads other than stagebox-audio ran SCHED_FIFO: {string.Join(", ", others)}");
        Assert.Contains(sampler.Samples, sample => sample.Phase == "after the take-over");
    }

    private static string Describe(IEnumerable<ThreadPolicies.Thread> threads) => string.Join(", ", threads.Select(t => $"{t.Name}={t.Policy}"));

    /// <summary>Reads the box's threads' policies over and over on a thread of its own until disposed, each sample tagged with the phase the test is in.</summary>
    private sealed class ThreadSampler : IDisposable
    {
        private readonly int _process;
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _stop = new();
        private readonly List<(string Phase, IReadOnlyList<ThreadPolicies.Thread> Threads)> _samples = [];

        public ThreadSampler(int process)
        {
            _process = process;
            _thread = new Thread(Run) { IsBackground = true, Name = "thread-sampler" };
            _thread.Start();
        }

        public volatile string Phase = "before the import";

        public IReadOnlyList<(string Phase, IReadOnlyList<ThreadPolicies.Thread> Threads)> Samples
        {
            get
            {
                lock (_samples) return _samples.ToArray();
            }
        }

        /// <summary>The first sample of the current phase: its threads were read after the phase was set.</summary>
        public IReadOnlyList<ThreadPolicies.Thread> WaitForSample()
        {
            string phase = Phase;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Patience)
            {
                lock (_samples)
                    if (_samples.FirstOrDefault(sample => sample.Phase == phase) is { Threads: { } threads }) return threads;
                _stop.Wait(10);
            }
            throw new Xunit.Sdk.XunitException($"no sample of the box's threads {phase} within {Patience.TotalSeconds} s");
        }

        private void Run()
        {
            while (!_stop.Wait(10))
            {
                string phase = Phase;
                IReadOnlyList<ThreadPolicies.Thread> threads = ThreadPolicies.Of(_process);
                lock (_samples) _samples.Add((phase, threads));
            }
        }

        /// <summary>Stops sampling (again: nothing more to do).</summary>
        public void Dispose()
        {
            _stop.Set();
            if (_thread.IsAlive) _thread.Join();
        }
    }

    [Fact]
    public void A_broken_show_on_a_stick_fails_on_the_screen_and_in_the_log_and_changes_nothing()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string>());
        using TmpfsMount stick = PlugIn("stagebox-usb-sdj1", "First v2", "Second v2",
            show => File.WriteAllText(Path.Join(show, "songs", "second", "song.yaml"), "title: Second v2\nbars: lots\n"));

        string failed = box.WaitForLine(line => line.StartsWith("import: FAILED from stagebox-usb-sdj1: ", StringComparison.Ordinal), Patience, "the import failing");
        WaitForSnapshot(frame => StatusLineHas(frame, StagePalette.Warning), "the failure on the screen");
        stick.Unmount();
        box.WaitForLine(line => line == $"stick: {stick.Path} (removed)", Patience, "the stick pulled");
        Assert.Equal(0, Quit(box));

        Assert.Contains("songs/second/song.yaml", failed);
        Assert.EndsWith("; the box keeps the show it has", failed);
        Assert.DoesNotContain("now playing generation", box.Transcript);
        Assert.DoesNotContain(" v2 |", box.Transcript);
        Assert.Equal("g000001", CurrentGeneration());
        // Pulling the stick cleared the failure from the status line.
        Assert.False(StatusLineHas(LastFrame(), StagePalette.Warning));
    }

    [Fact]
    public void A_show_installed_that_this_box_cannot_play_is_rolled_back_and_the_old_show_plays_on()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string>());
        // A sound show, but without the setlist the box plays (main) and with two others, so neither is the only one.
        using TmpfsMount stick = PlugIn("stagebox-usb-sdk1", "First v2", "Second v2", show =>
        {
            File.Move(Path.Join(show, "setlists", "main.yaml"), Path.Join(show, "setlists", "early.yaml"));
            File.Copy(Path.Join(show, "setlists", "early.yaml"), Path.Join(show, "setlists", "late.yaml"));
        });

        string failed = box.WaitForLine(line => line.StartsWith("import: FAILED from stagebox-usb-sdk1: ", StringComparison.Ordinal), Patience, "the show refused");
        Assert.Equal(0, Quit(box));

        Assert.Contains("result: installed as generation g000002", box.Transcript);
        Assert.Contains("the box cannot play it: ", failed);
        Assert.Contains("no setlist 'main' (setlists here: early, late)", failed);
        Assert.Contains("the library is back on g000001", failed);
        Assert.Equal("g000001", CurrentGeneration());
        Assert.DoesNotContain(" v2 |", box.Transcript);
        Assert.True(StatusLineHas(LastFrame(), StagePalette.Warning), "the failure is on the screen");
    }

    [Fact]
    public void A_stick_mounted_writable_is_refused_and_not_imported()
    {
        using RunningStageBox box = StartBox(new Dictionary<string, string>());
        using TmpfsMount stick = TmpfsMount.At(_work.File("writable-stick"));
        WriteShow(Path.Join(stick.Path, "StageBox"), "First v2", "Second v2", firstBars: 6);
        using TmpfsMount plugged = stick.BindAt(Path.Join(MediaRoot, "manual"));

        box.WaitForLine(line => line.StartsWith($"stick: {plugged.Path} (refused: mounted without ro, nosuid, nodev, noexec;", StringComparison.Ordinal), Patience, "the refusal");
        Assert.Equal(0, Quit(box));

        Assert.DoesNotContain("import: from", box.Transcript);
        Assert.Equal("g000001", CurrentGeneration());
        Assert.True(StatusLineHas(LastFrame(), StagePalette.Warning), "the refusal is on the screen");
    }

    [Fact]
    public void A_fresh_box_with_nothing_installed_waits_for_its_first_show_stick_imports_it_and_plays()
    {
        string fresh = _work.File("fresh-library");
        Directory.CreateDirectory(MediaRoot);
        // Not the simulated box (which would play the demo): the real one, on ALSA's null device.
        using RunningStageBox box = StageBoxProcess.Start(_work.Path,
            "run", "--library", fresh, "--media-root", MediaRoot, "--device", "null", "--status-file", _work.File("fresh-status.json"), "--exit-after", "300");
        box.WaitForLine(line => line == $"show: nothing is installed in {fresh}; waiting for a show stick under {MediaRoot}", Patience, "the fresh box waiting");
        using TmpfsMount stick = PlugIn("stagebox-usb-sdm1", "First", "Second");

        box.WaitForLines(Patience,
            ("the stick accepted", line => line == $"stick: {stick.Path} (ok)"),
            ("the show installed", line => line.StartsWith("import: result: installed as generation g000001", StringComparison.Ordinal)),
            ("the show loaded", line => line == $"show: the library's g000001 in {fresh}"),
            ("its first song cued", line => line.Contains("[1/2] First | STOPPED", StringComparison.Ordinal)));
        Assert.Equal(0, Quit(box));
        Assert.Equal("g000001", new ShowLibrary(fresh).Pointer!.Current);
    }

    /// <summary>The simulated box playing the library's show, watching the test's media root; ready once it says it watches.</summary>
    private RunningStageBox StartBox(IReadOnlyDictionary<string, string> environment, params string[] more)
    {
        Directory.CreateDirectory(MediaRoot);
        string[] arguments =
        [
            "run", "--sim", "--library", Library, "--media-root", MediaRoot, "--record", _work.File("sim.wav"),
            "--status-file", _work.File("status.json"), "--display-png", Pictures, "--exit-after", "300", .. more,
        ];
        RunningStageBox box = StageBoxProcess.Start(_work.Path, environment, arguments);
        box.WaitForLine(line => line == $"sticks: watching for show sticks under {MediaRoot}", Patience, "the box watching for sticks");
        return box;
    }

    /// <summary>
    /// A stick with the show (then <paramref name="change"/>d, given its StageBox folder), filled on
    /// a tmpfs elsewhere, remounted as the udev rule mounts sticks, then shown under the media root in one step.
    /// </summary>
    private TmpfsMount PlugIn(string name, string firstTitle, string secondTitle, Action<string>? change = null)
    {
        using TmpfsMount filled = TmpfsMount.At(_work.File("stick-" + name));
        string show = Path.Join(filled.Path, "StageBox");
        WriteShow(show, firstTitle, secondTitle, firstBars: 6);
        change?.Invoke(show);
        filled.Remount("ro,nosuid,nodev,noexec");
        // The filled mount goes once the bind stands on its own: only the stick under the media root stays.
        return filled.BindAt(Path.Join(MediaRoot, name));
    }

    /// <summary>Two click-only songs at 120 BPM: the first ends with next, the second has a bar of count-in.</summary>
    private static void WriteShow(string folder, string firstTitle, string secondTitle, int firstBars)
    {
        Directory.CreateDirectory(Path.Join(folder, "songs", "first"));
        Directory.CreateDirectory(Path.Join(folder, "songs", "second"));
        Directory.CreateDirectory(Path.Join(folder, "setlists"));
        File.WriteAllText(Path.Join(folder, "songs", "first", "song.yaml"),
            $"title: {firstTitle}\ncount_in: 0\nbars: {firstBars}\nend: next\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\n");
        File.WriteAllText(Path.Join(folder, "songs", "second", "song.yaml"),
            $"title: {secondTitle}\ncount_in: 1\nbars: 4\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\n");
        File.WriteAllText(Path.Join(folder, "setlists", "main.yaml"), "title: Main\nsongs:\n  - first\n  - second\n");
    }

    private string CurrentGeneration() => new ShowLibrary(Library).Pointer!.Current;

    /// <summary>Ends the run as systemctl stop does (SIGTERM), so it writes its last picture; its exit code.</summary>
    private static int Quit(RunningStageBox box)
    {
        Signal("TERM", box.Id);
        return box.WaitForExit(Patience);
    }

    private FrameBuffer LastFrame() => PngReader.ReadFrame(Path.Join(Pictures, "latest.png"));

    /// <summary>
    /// Looks at the screen's snapshots as the box writes them until one shows what is wanted,
    /// within the patience (the UI thread draws at its own pace, later than the log says).
    /// </summary>
    private void WaitForSnapshot(Func<FrameBuffer, bool> wanted, string what)
    {
        var clock = Stopwatch.StartNew();
        var seen = new HashSet<string>();
        using var tick = new ManualResetEventSlim();
        while (clock.Elapsed < Patience)
        {
            // The box writes each snapshot whole and renames it into place, so every file listed can be read.
            foreach (string file in Directory.GetFiles(Pictures, "0*.png").Where(seen.Add))
                if (wanted(PngReader.ReadFrame(file))) return;
            tick.Wait(TimeSpan.FromMilliseconds(50));
        }
        throw new Xunit.Sdk.XunitException($"no snapshot showed {what} within {Patience.TotalSeconds} s");
    }

    private static bool StatusLineHas(FrameBuffer glass, ushort colour) =>
        Enumerable.Range(0, StageScreen.Width).Any(x => glass[x, StageScreen.StatusLine.Y + 2] == colour);

    private const int IdleSchedulingPolicy = 5; // SCHED_IDLE

    /// <summary>The box's import process, once it has stopped itself (STAGEBOX_IMPORT_PAUSE_AT), waited for within the patience.</summary>
    private static int StoppedChildOf(int parent)
    {
        var clock = Stopwatch.StartNew();
        using var tick = new ManualResetEventSlim();
        while (clock.Elapsed < Patience)
        {
            foreach (string task in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                string[] stat = StatFields(task);
                if (stat.Length > 2 && stat[1] == parent.ToString() && stat[0] == "T") return int.Parse(Path.GetFileName(task));
            }
            tick.Wait(TimeSpan.FromMilliseconds(50));
        }
        throw new Xunit.Sdk.XunitException($"no stopped import process under {parent} within {Patience.TotalSeconds} s");
    }

    /// <summary>State, nice value and scheduling policy of a process's main thread, from /proc/PID/stat.</summary>
    private static (char State, int Nice, int Policy) SchedulingOf(int process)
    {
        string[] stat = StatFields($"/proc/{process}");
        // After the command name: state is field 3 of stat(5), nice 19, policy 41.
        return (stat[0][0], int.Parse(stat[19 - 3]), int.Parse(stat[41 - 3]));
    }

    /// <summary>The fields of /proc/PID/stat after the command name (which may hold spaces); empty when the process is gone.</summary>
    private static string[] StatFields(string processFolder)
    {
        try
        {
            string stat = File.ReadAllText(Path.Join(processFolder, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static void Resume(int process) => Signal("CONT", process);

    private static void Signal(string signal, int process)
    {
        using Process kill = Process.Start("kill", ["-s", signal, process.ToString()]);
        kill.WaitForExit();
    }

    public void Dispose() => _work.Dispose();
}
