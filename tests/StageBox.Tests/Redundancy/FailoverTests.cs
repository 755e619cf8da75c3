using StageBox.App.Pair;
using StageBox.App.Session;
using StageBox.Redundancy;
using StageBox.Tests.App;
using StageBox.Tests.Hal;
using StageBox.Tests.Redundancy.Pair;
using Xunit.Abstractions;

namespace StageBox.Tests.Redundancy;

[CollectionDefinition(nameof(RedundantPairs), DisableParallelization = true)]
public sealed class RedundantPairs;

/// <summary>
/// Fault tests on two real firmware processes (see <see cref="BoxPair"/>): the primary killed,
/// stopped, or losing its audio device, the link cut, forged and replayed packets. Each
/// recording pair is combined as a switcher would to measure the gap and the position error
/// at the takeover, against a bound derived from the design. A backup that takes over before
/// the fault fails the test, unless the <see cref="StallProbe"/> witnessed a stall of the
/// machine that explains it; then (and only then) the attempt is played again, and the retry
/// is printed as an "excused retry:" line, which tests/run-tests.sh counts in its summary.
/// Every box that ran to its end must say its audio thread allocated nothing after warm-up.
/// </summary>
[Collection(nameof(RedundantPairs))]
public sealed class FailoverTests(ITestOutputHelper output) : IDisposable
{
    private static readonly AudioSettings Audio = new();
    private static readonly double PeriodMs = 1000.0 * Audio.PeriodFrames / Audio.Rate;                // 5.33 ms
    private static readonly double TakeoverMs = new RedundancySettings().TakeoverAfterMs;               // 12 ms
    /// <summary>The redundancy thread waits for packets at most 1 ms (PeerLink.TryReceive) before it judges again.</summary>
    private const double DetectorTickMs = 1;

    /// <summary>
    /// The design's gap: the live box's last heartbeat and watchdog edge came at or before the
    /// kill; the standby decides within the timeout and one detector tick of them (12 + 1 ms); its
    /// audio thread acts at its next period, at most one period on (5.3 ms); its rewrite leaves one
    /// period of muted frames queued before the first unmuted one (5.3 ms). 23.7 ms in all.
    /// </summary>
    private static readonly double DesignGapMs = TakeoverMs + DetectorTickMs + 2 * PeriodMs;

    /// <summary>
    /// The margin for a loaded 2-core host: the audio threads run at SCHED_FIFO, and the standby's
    /// redundancy thread, which decides, below them where the host grants it; where it does not,
    /// it runs at normal priority, and a woken normal thread may wait one CFS scheduling period
    /// behind the threads running there: sched_latency is 6 ms x (1 + log2 of 2 CPUs) = 12 ms. A gap beyond design and margin is a failure, unless
    /// the backup's own log shows it decided late by the whole excess and the probe saw a normal
    /// thread wake up that late in the same attempt.
    /// </summary>
    private const double LoadedHostMarginMs = 12;

    /// <summary>
    /// A known cost, not a margin: the takeover path (going live, the queue rewrite, the watchdog
    /// wire) is JIT-compiled when a box first takes over, since the warm-up does not reach it and
    /// the dev build has no precompiled code. Issue 16 measured 4-21 ms for it on a quiet machine;
    /// its fix (warming or precompiling that path) takes this term out of the bound.
    /// </summary>
    private const double FirstTakeoverCompileMs = 21;

    private static readonly double GapBoundMs = DesignGapMs + LoadedHostMarginMs + FirstTakeoverCompileMs; // 56.7 ms

    /// <summary>
    /// A stopped primary's device plays its queue out (a buffer, 21.3 ms) while the backup comes
    /// in, at the earliest the timeout and a period after the primary's last period (17.3 ms): the two may overlap by 4 ms.
    /// </summary>
    private static readonly double StoppedQueueOverlapMs = 1000.0 * Audio.BufferFrames / Audio.Rate - TakeoverMs - PeriodMs;

    /// <summary>The pair keeps within 0.5 ms; a backup two periods out of step is wrong (an xrun of either simulated device near the fault shifts it by up to one).</summary>
    private const double PositionBoundMs = 10.7;

    /// <summary>
    /// A stall of the machine makes the backup take over early when it silences the live box's
    /// audio loop (SCHED_FIFO 80) for the timeout less the period its last heartbeat may already
    /// be old: 12 - 5.3 = 6.7 ms. Only a stall that long, witnessed, excuses an early takeover.
    /// </summary>
    private static readonly double StallThatExcusesMs = TakeoverMs - PeriodMs;

    /// <summary>Attempts played again because of a witnessed stall, at most, in one test.</summary>
    private const int ExcusedRetriesAllowed = 3;

    /// <summary>
    /// Five kills at a strict bound rather than twenty at a loose one: each kill lands at a random
    /// moment of a period and exercises the same path (heartbeats and line silent, decide, rewrite),
    /// so the gap's spread is visible in five, and a regression of the path (trigger-happy, slow)
    /// fails the bound in every one of them. The time saved goes to the allocation checks.
    /// </summary>
    private const int Kills = 5;

    /// <summary>For the tests of what must not cause a takeover: long enough that no stall of this shared machine does either.</summary>
    private const double StallProofTakeoverMs = 200;

    private readonly TempDirectory _showFolder = new();
    private readonly StallProbe _probe = new();
    private NoiseShow? _show;
    private int _excusedRetries;

    private NoiseShow Show => _show ??= new NoiseShow(_showFolder.Path);

    [Fact]
    public void Killing_the_primary_at_random_moments_has_the_backup_take_over_in_step()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"kill moments from seed {seed}; gap bound {GapBoundMs:0.0} ms (design {DesignGapMs:0.0} + loaded host {LoadedHostMarginMs:0} + first takeover compiled {FirstTakeoverCompileMs:0})");
        var random = new Random(seed);
        var views = new List<SwitcherView>();
        while (views.Count < Kills)
        {
            // From before the pair starts: a takeover while the backup falls in step is early too.
            _probe.Reset();
            using var pair = new BoxPair(Show, BoxPair.NewKey());
            PlayFor(TimeSpan.FromSeconds(1.5 + 2 * random.NextDouble()));
            if (TookOverEarly(pair, $"kill -9 #{views.Count + 1}")) continue;
            long killedAt = pair.KillPrimary();
            if (AfterTakeover(pair, killedAt, "TAKEOVER: no heartbeat", $"kill -9 #{views.Count + 1}") is not SwitcherView view) continue;
            output.WriteLine($"kill -9 #{views.Count + 1}: gap {view.GapMs:0.00} ms, position error {view.PositionErrorMs:+0.000;-0.000} ms at song frame {view.PrimaryLastSongFrame}; {_probe}");
            views.Add(view);
        }
        double[] gaps = views.Select(v => v.GapMs).Order().ToArray();
        output.WriteLine($"{views.Count} kills: gap median {gaps[gaps.Length / 2]:0.00} ms, worst {gaps[^1]:0.00} ms; |position error| worst {views.Max(v => Math.Abs(v.PositionErrorMs)):0.000} ms; {_excusedRetries} excused retries");
    }

    [Fact]
    public void A_stopped_primary_is_taken_over_and_comes_back_as_the_standby()
    {
        SwitcherView view = OnAPairThatHolds(pair =>
        {
            pair.Signal(pair.Primary.Id, Signals.Stop);
            pair.Backup.WaitForLine(line => line.Contains("TAKEOVER: no heartbeat"), TimeSpan.FromSeconds(10), "the backup taking over");
            PlayFor(TimeSpan.FromSeconds(1));
            long resumedAt = pair.Signal(pair.Primary.Id, Signals.Continue);
            pair.Primary.WaitForLine(line => line.Contains("standby: the backup is live with term 1"), TimeSpan.FromSeconds(10), "the primary standing by");
            AssertNoAllocations(pair.StopBoth(), pair.Primary.Transcript);
            // What the stopped primary had queued played out; what it wrote once resumed came after the switch.
            return SwitcherView.Measure(Show, pair.PrimaryRecording(), pair.BackupRecording(), resumedAt);
        });
        output.WriteLine($"SIGSTOP: gap {view.GapMs:0.00} ms, position error {view.PositionErrorMs:+0.000;-0.000} ms");
        AssertInStep(view, "SIGSTOP", StoppedQueueOverlapMs);
    }

    [Fact]
    public void A_primary_whose_audio_device_fails_declares_it_and_the_backup_takes_over_at_once()
    {
        SwitcherView view = OnAPairThatHolds(pair =>
        {
            pair.Signal(pair.Primary.Id, Signals.User1);
            return AfterTakeover(pair, long.MaxValue, "TAKEOVER: the live box declared: its audio device is gone", "device failure", primaryRanToItsEnd: true);
        });
        output.WriteLine($"device failure: gap {view.GapMs:0.00} ms, position error {view.PositionErrorMs:+0.000;-0.000} ms");
    }

    /// <summary>
    /// A box of a pair runs exactly two threads real-time: its audio thread and, below it, the
    /// node thread that beats and judges a takeover, so load on the box delays neither. Every
    /// other thread (those the node's work causes to be created too) stays at normal priority.
    /// </summary>
    [Fact]
    public void A_box_of_a_pair_runs_its_audio_thread_and_its_node_thread_SCHED_FIFO_and_no_other()
    {
        using var pair = new BoxPair(Show, BoxPair.NewKey(), takeoverAfterMs: StallProofTakeoverMs);
        PlayFor(TimeSpan.FromSeconds(1));
        IReadOnlyList<ThreadPolicies.Thread> primary = ThreadPolicies.Of(pair.Primary.Id), backup = ThreadPolicies.Of(pair.Backup.Id);
        string backupLog = pair.StopBoth();

        foreach ((string box, IReadOnlyList<ThreadPolicies.Thread> threads, string log) in new[] { ("primary", primary, pair.Primary.Transcript), ("backup", backup, backupLog) })
        {
            string[] realTime = threads.Where(t => t.Policy == ThreadPolicies.Fifo).Select(t => t.Name).Order().ToArray();
            Assert.True(realTime.SequenceEqual(["stagebox-audio", NodeThreadName]),
                $"the {box}'s SCHED_FIFO threads: {string.Join(", ", realTime)}; all: {string.Join(", ", threads.Select(t => $"{t.Name}={t.Policy}"))}");
            Assert.Contains($"redundancy: node thread: SCHED_FIFO priority {Audio.RealtimePriority - RedundantPair.BelowAudioThread}", log);
        }
    }

    /// <summary>
    /// A whole machine stalling, as issue 16 saw it trade the show back and forth: both boxes
    /// frozen together (SIGSTOP both, SIGCONT both, the backup first or the primary first at
    /// random), 25 times for 5 to 100 ms at random, at the default 12 ms takeover time. The backup,
    /// which knows it was frozen itself, must never take over, and the pair must stay in step. The
    /// freezes are 0.4-0.6 s apart: each may cost the primary an xrun, and 8 within 2 s would be a
    /// declared fault (a takeover by design).
    /// </summary>
    [Fact]
    public void Freezing_both_boxes_together_many_times_causes_no_takeover_and_the_pair_stays_in_step()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"freeze lengths from seed {seed}");
        var random = new Random(seed);
        using var pair = new BoxPair(Show, BoxPair.NewKey());
        PlayFor(TimeSpan.FromSeconds(2));
        for (int freeze = 0; freeze < 25; freeze++)
        {
            int[] order = random.Next(2) == 0 ? [pair.Primary.Id, pair.Backup.Id] : [pair.Backup.Id, pair.Primary.Id];
            foreach (int box in order) pair.Signal(box, Signals.Stop);
            PlayFor(TimeSpan.FromMilliseconds(5 + 95 * random.NextDouble()));
            foreach (int box in order) pair.Signal(box, Signals.Continue);
            PlayFor(TimeSpan.FromMilliseconds(400 + 200 * random.NextDouble()));
        }
        string backup = pair.StopBoth();

        Assert.False(backup.Contains("live (term", StringComparison.Ordinal), $"the backup went live:\n{backup}");
        Assert.False(pair.Primary.HasSaid("standby:"), $"the primary stood by:\n{pair.Primary.Transcript}");
        string final = backup.Split('\n').Last(line => line.StartsWith("redundancy: backup,"));
        output.WriteLine(final);
        Assert.Contains("; armed", final);
        double offsetFrames = double.Parse(System.Text.RegularExpressions.Regex.Match(final, @"offset ([+-][0-9.]+) frames").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(offsetFrames * 1000 / Audio.Rate, -PositionBoundMs, PositionBoundMs);
    }

    /// <summary>The node thread's name as the kernel keeps it: "stagebox-redundancy" cut to 15 characters.</summary>
    private const string NodeThreadName = "stagebox-redund";

    /// <summary>
    /// A backup whose first packets go unheard (a slow start, a slow peer) sees the primary's
    /// beats before it may take them (they echo its nonce only once the primary has heard it): it
    /// must not lead as if alone, which would take the show from the box playing it.
    /// </summary>
    [Fact]
    public void A_backup_whose_handshake_is_slow_follows_the_playing_primary_and_does_not_lead_alone()
    {
        var unheard = TimeSpan.FromSeconds(4);   // twice the 2 s a backup listens before it leads alone
        using var pair = new BoxPair(Show, BoxPair.NewKey(), takeoverAfterMs: StallProofTakeoverMs, backupUnheardFor: unheard);
        PlayFor(TimeSpan.FromSeconds(1));

        Assert.False(pair.Backup.HasSaid("no primary answered"), $"the backup led alone while the primary played:\n{pair.Backup.Transcript}");
        Assert.False(pair.Primary.HasSaid("standby:"), $"the playing primary stood by:\n{pair.Primary.Transcript}");
        pair.StopBoth();
    }

    [Fact]
    public void A_cut_link_with_the_watchdog_line_alive_is_a_warning_and_no_takeover()
    {
        using var pair = new BoxPair(Show, BoxPair.NewKey(), takeoverAfterMs: StallProofTakeoverMs);
        PlayFor(TimeSpan.FromSeconds(1));
        pair.Relay.Cut();
        pair.Backup.WaitForLine(line => line.Contains("warning: link lost; the watchdog line shows the live box playing"), TimeSpan.FromSeconds(10), "the link warning");
        PlayFor(TimeSpan.FromSeconds(3));
        pair.Relay.Mend();
        PlayFor(TimeSpan.FromSeconds(1));
        string backup = pair.StopBoth();
        AssertNoAllocations(backup, pair.Primary.Transcript);
        Assert.DoesNotContain("TAKEOVER", backup);
        Assert.DoesNotContain("live (term", backup);
        Assert.Equal(-1, pair.BackupRecording().FirstSoundFrom(0));
    }

    /// <summary>
    /// An attacker on the cable, speaking with the primary's address (what reaches the relay's
    /// primary end goes on to the backup as the primary's): garbage, packets sealed with another
    /// key, recordings played back. And a stranger elsewhere aiming garbage at the backup's port.
    /// </summary>
    [Fact]
    public void Forged_and_replayed_packets_are_refused_and_change_nothing()
    {
        using var pair = new BoxPair(Show, BoxPair.NewKey(), takeoverAfterMs: StallProofTakeoverMs);
        PlayFor(TimeSpan.FromSeconds(1));
        byte[][] recorded = pair.Relay.FromPrimary.ToArray();
        var onTheCable = new LinkAttacker(pair.Relay.PrimarySidePort);
        int garbage = onTheCable.SendGarbage(300);
        int wrongKey = onTheCable.SendSealedWithWrongKey(300);
        int replayed = onTheCable.Replay(recorded);
        int fromStranger = new LinkAttacker(pair.BackupPort).SendGarbage(200);
        // A stop from a forger with the wrong key, many times: nothing may happen. Done once the backup has counted them all.
        StatusFiles.WaitFor(pair.StatusFile("backup"), status => Counted(status, "from strangers") >= fromStranger
                && Counted(status, "malformed") >= garbage && Counted(status, "forged") >= wrongKey && Counted(status, "replayed") >= replayed * 9 / 10,
            "every forged packet refused", TimeSpan.FromSeconds(30));
        string backup = pair.StopBoth();
        AssertNoAllocations(backup, pair.Primary.Transcript);
        output.WriteLine($"sent {garbage} garbage, {wrongKey} sealed with another key, {replayed} replayed, {fromStranger} from a stranger");
        string final = backup.Split('\n').Last(line => line.StartsWith("redundancy: backup,"));
        output.WriteLine(final);
        Assert.DoesNotContain("TAKEOVER", backup);
        Assert.Contains("standby", final);
        Assert.Equal(-1, pair.BackupRecording().FirstSoundFrom(0));
        Assert.Equal(fromStranger, Counted(final, "from strangers"));
        Assert.Equal(garbage, Counted(final, "malformed"));
        Assert.Equal(wrongKey, Counted(final, "forged"));
        long replays = Counted(final, "replayed");
        Assert.True(replays >= replayed * 9 / 10, $"{replays} replays refused of {replayed} played back");
    }

    /// <summary>The count before " {what}" in a redundancy report or status file; -1 when there is none.</summary>
    private static long Counted(string report, string what) =>
        System.Text.RegularExpressions.Regex.Match(report, $@"(\d+) {what}") is { Success: true } m ? long.Parse(m.Groups[1].Value) : -1;

    /// <summary>
    /// Strangers flood both boxes' link ports with junk as fast as this machine lets one thread
    /// send, for 10 s, while a pair without a watchdog line (heartbeats alone decide) plays. The
    /// backup must not take over, and the largest gap between the heartbeats it took (its own
    /// record, as its takeover rule saw them) must stay under half the takeover time. What junk
    /// that got through would do is checked strictly: no beat lost (a junk-filled socket drops
    /// them), none of the junk read by the backup (none malformed or forged, so it cost no read),
    /// and the flood counted in its status. The timing is not immune to this shared machine:
    /// the flooding thread takes one of its two cores, and a box's thread starved for the
    /// takeover time (200 ms) is a silent primary. A trial failing on timing alone, with no beat
    /// lost and no junk read, is said and played again, at most twice. `make bench ARGS=flood`
    /// gives the figures.
    /// </summary>
    [Fact]
    public void A_flood_on_the_link_ports_causes_no_takeover_and_no_late_heartbeat()
    {
        const double halfTakeoverMs = StallProofTakeoverMs / 2;
        for (int attempt = 1; ; attempt++)
        {
            FloodOutcome flood = FloodTrial.Run(Show, datagramBytes: 1400, flood: true, StallProofTakeoverMs);
            output.WriteLine($"attempt {attempt}: {flood}");
            output.WriteLine(flood.FinalLine);
            Assert.True(flood.Lost == 0, $"{flood.Lost} beats lost: junk crowded them out of the socket");
            Assert.True(flood.Malformed + flood.Forged == 0, $"{flood.Malformed} malformed and {flood.Forged} forged: the strangers' junk was read, not dropped by the kernel");
            Assert.True(flood.Strangers >= 100_000, $"only {flood.Strangers} datagrams of the flood reached the backup's port: no flood was measured");
            Assert.Matches(@"refused: [1-9]\d{5,} from strangers", flood.StatusLine);
            string? timing = flood.TookOver ? $"the backup took over: {flood.Takeover}"
                : flood.MaxGapMs >= halfTakeoverMs ? $"the largest beat gap, {flood.MaxGapMs:0.00} ms, reached half the takeover time ({halfTakeoverMs} ms)"
                : null;
            if (timing is null) return;
            Assert.True(attempt < 3, $"{timing}, in {attempt} trials out of {attempt}");
            output.WriteLine($"attempt {attempt}: {timing}, with no beat lost and no junk read: the machine stalled; played again");
        }
    }

    /// <summary>
    /// Plays a fresh pair for 3 s, then runs <paramref name="fault"/> on it (null: the attempt was
    /// excused and is played again on a fresh pair).
    /// </summary>
    private SwitcherView OnAPairThatHolds(Func<BoxPair, SwitcherView?> fault)
    {
        while (true)
        {
            _probe.Reset();
            using var pair = new BoxPair(Show, BoxPair.NewKey());
            PlayFor(TimeSpan.FromSeconds(3));
            if (TookOverEarly(pair, "the pair before the fault")) continue;
            if (fault(pair) is SwitcherView view) return view;
        }
    }

    /// <summary>
    /// Both simulated boxes share this machine. A backup that took over before the fault is a
    /// failure (a trigger-happy standby), unless the probe witnessed a stall of the machine long
    /// enough to silence the live box's audio loop past the timeout: then the attempt is excused.
    /// </summary>
    private bool TookOverEarly(BoxPair pair, string which)
    {
        if (!pair.Backup.HasSaid("live (term")) return false;
        string decision = pair.Backup.Transcript.Split('\n').First(line => line.Contains("live (term", StringComparison.Ordinal));
        string why = $"{which}: the backup took over before the fault ({decision.Trim()}); {_probe}";
        Assert.True(_probe.MachineStallMs >= StallThatExcusesMs, $"{why}, shorter than the {StallThatExcusesMs:0.0} ms that would explain it:\n{pair.Backup.Transcript}");
        Excuse(why);
        return true;
    }

    private void Excuse(string why)
    {
        _excusedRetries++;
        output.WriteLine($"excused retry: {why}");
        Assert.True(_excusedRetries <= ExcusedRetriesAllowed, $"{_excusedRetries} excused retries, more than the {ExcusedRetriesAllowed} allowed: this machine is too stalled to measure a takeover");
    }

    /// <summary>
    /// The takeover measured; null when its gap was over the bound and the probe saw a normal
    /// thread wake late enough to explain the excess (an excused retry).
    /// </summary>
    private SwitcherView? AfterTakeover(BoxPair pair, long primaryCutNs, string takeover, string which, bool primaryRanToItsEnd = false)
    {
        string decision = pair.Backup.WaitForLine(line => line.Contains("TAKEOVER:"), TimeSpan.FromSeconds(10), "the backup taking over");
        // A takeover for another reason came first (the machine stalled between the check before
        // the fault and the fault): excused and played again only when the probe witnessed that stall.
        if (!decision.Contains(takeover, StringComparison.Ordinal) && TookOverEarly(pair, $"{which}: the backup took over for another reason ({decision})")) return null;
        // Its recording must hold what it played after the switch: two beats of its own are plenty.
        for (int beat = 0; beat < 2; beat++) pair.Backup.WaitForLine(line => line.Contains("| PLAYING |", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the backup playing on");
        string backup = pair.StopBoth();
        AssertNoAllocations(backup, primaryRanToItsEnd ? pair.Primary.Transcript : null);
        foreach (string line in backup.Split('\n').Where(line => line.StartsWith("redundancy: following") || line.StartsWith("redundancy: live"))) output.WriteLine(line);
        SwitcherView view = SwitcherView.Measure(Show, pair.PrimaryRecording(), pair.BackupRecording(), primaryCutNs);
        double decisionLateMs = DecisionLateMs(backup);
        // Over the bound, and all of it a late decision by the backup's normal-priority thread on a host measured to delay such threads that long: excused.
        if (view.GapMs > GapBoundMs && view.GapMs <= DesignGapMs + decisionLateMs && _probe.NormalWakeLatenessMs >= decisionLateMs)
        {
            Excuse($"{which}: gap {view.GapMs:0.0} ms over the {GapBoundMs:0.0} ms bound, the backup deciding {decisionLateMs:0.0} ms late; {_probe}");
            return null;
        }
        AssertInStep(view, which);
        return view;
    }

    /// <summary>
    /// How late the backup decided, from its own log: "no heartbeat for X ms and the watchdog line
    /// still for Y ms" says both signals were silent for min(X, Y) when it judged, against the
    /// timeout. 0 when it took over on a declared fault (it decides at the first beat saying so).
    /// </summary>
    private static double DecisionLateMs(string backup)
    {
        var silent = System.Text.RegularExpressions.Regex.Match(backup, @"TAKEOVER: no heartbeat for ([0-9.]+) ms(?: and the watchdog line still for ([0-9.]+) ms)?");
        if (!silent.Success) return 0;
        double beats = double.Parse(silent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double line = silent.Groups[2].Success ? double.Parse(silent.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : beats;
        return Math.Max(0, Math.Min(beats, line) - TakeoverMs);
    }

    /// <param name="overlapMs">How long both may sound at once: 0 when the primary falls silent at the fault.</param>
    private void AssertInStep(SwitcherView view, string which, double overlapMs = 0)
    {
        Assert.True(view.GapMs >= -overlapMs && view.GapMs <= GapBoundMs,
            $"{which}: gap {view.GapMs:0.00} ms; the design gives {DesignGapMs:0.0} ms, {GapBoundMs:0.0} ms with the loaded host's margin and the first takeover's compilation; {_probe}");
        Assert.InRange(view.PositionErrorMs, -PositionBoundMs, PositionBoundMs);
    }

    /// <summary>Each box that ran to its end (the backup always; the primary when it was not killed) allocated nothing on its audio thread.</summary>
    private static void AssertNoAllocations(string backup, string? primary)
    {
        AudioThreadAllocations.AssertNoneAtExit(backup, minimumPeriods: 200, "the backup");
        if (primary is not null) AudioThreadAllocations.AssertNoneAtExit(primary, minimumPeriods: 200, "the primary");
    }

    /// <summary>The boxes play in real time; the test lets that much of it pass.</summary>
    private static void PlayFor(TimeSpan time)
    {
        using var never = new ManualResetEventSlim();
        never.Wait(time);
    }

    public void Dispose()
    {
        _probe.Dispose();
        _showFolder.Dispose();
    }
}
