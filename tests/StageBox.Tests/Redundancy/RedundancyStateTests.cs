using StageBox.App.Pair;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Roles;
using static StageBox.Tests.Redundancy.NodeHarness;

namespace StageBox.Tests.Redundancy;

/// <summary>
/// The redundancy node's roles pass by pass, with a fake clock and a fake link (<see cref="NodeHarness"/>):
/// when a standby takes over, when a box hands the show back, which of two live boxes stays live,
/// and when a starting box leads. The same rules run between two real processes in <see cref="FailoverTests"/>.
/// </summary>
public sealed class RedundancyStateTests
{
    private static readonly long TakeoverNs = (long)(TakeoverAfterMs * Ms);

    /// <summary>A backup following a primary of term 0 that beat at the harness clock's now.</summary>
    private static NodeHarness FollowingBackup()
    {
        var box = new NodeHarness(BoxRole.Backup);
        box.PeerBeats(term: 0);
        box.Node.Step();
        Assert.False(box.WentLive, box.Transcript);
        return box;
    }

    [Fact]
    public void A_standby_takes_over_after_takeover_after_ms_of_silence_and_not_before()
    {
        using NodeHarness box = FollowingBackup();

        box.Passes((int)TakeoverAfterMs);
        Assert.False(box.WentLive, $"took over after exactly {TakeoverAfterMs} ms:\n{box.Transcript}");
        Assert.Empty(box.Sent(PacketKind.Beat));

        box.Clock.Advance(1);
        box.Node.Step();
        Assert.Contains($"live (term 1): TAKEOVER: no heartbeat for {TakeoverAfterMs:0.0} ms", box.Transcript);
        RedundancyReport report = box.Node.Report;
        Assert.True(report.Live && report.TookOver && report.Term == 1, report.ToString());
        Assert.StartsWith("backup, live (took over), term 1; ", report.ToString());
        Assert.True(box.Node.Route(default) is false, "a live box plays its own controls' commands");
    }

    [Fact]
    public void A_live_box_declaring_a_device_fault_is_taken_over_at_once()
    {
        using NodeHarness box = FollowingBackup();

        box.PeerBeats(term: 0, BeatFlags.DeviceLost);
        box.Node.Step();

        Assert.Contains("live (term 1): TAKEOVER: the live box declared: its audio device is gone", box.Transcript);
        Assert.True(box.Node.Report.TookOver);
    }

    [Fact]
    public void A_backup_that_took_over_hands_the_show_back_at_a_stop_once_the_primary_follows()
    {
        using NodeHarness box = FollowingBackup();
        box.Passes((int)TakeoverAfterMs + 1);
        Assert.True(box.Node.Report.Live, box.Transcript);

        // Stopped, but no word yet that the primary follows: no hand-back.
        box.PlayPeriod();
        box.Node.Step();
        SentPacket beforeReport = Assert.Single(box.Sent(PacketKind.Beat));
        Assert.Equal(BeatFlags.None, beforeReport.Beat.Flags & BeatFlags.HandBack);

        box.Link.Deliver(box.Peer.Header(PacketKind.Report, 0), box.Peer.Report(following: true));
        box.PlayPeriod();
        box.Node.Step();
        SentPacket handingBack = box.Sent(PacketKind.Beat)[^1];
        Assert.Equal(BeatFlags.HandBack, handingBack.Beat.Flags & BeatFlags.HandBack);
        Assert.Equal(1, handingBack.Term);
    }

    [Fact]
    public void A_primary_handed_the_show_back_goes_live_with_the_next_term()
    {
        using var box = new NodeHarness(BoxRole.Primary);
        box.PeerBeats(term: 1);
        box.Node.Step();
        Assert.True(box.Node.WaitForRole(TimeSpan.Zero), "a beat from a live box decides a starting primary's role");
        Assert.False(box.WentLive, box.Transcript);

        box.PeerBeats(term: 1, BeatFlags.HandBack);
        box.Node.Step();

        Assert.Contains("live (term 2): the backup handed the show back at a stop", box.Transcript);
        RedundancyReport report = box.Node.Report;
        Assert.True(report.Live && !report.TookOver && report.Term == 2, report.ToString());
    }

    /// <summary>A box live under <paramref name="term"/> by starting alone: a primary after its listen, a backup after 2 s.</summary>
    private static NodeHarness LiveAlone(BoxRole role, out int term)
    {
        var box = new NodeHarness(role);
        box.Clock.Advance(role == BoxRole.Primary ? 301 * Ms : 2001 * Ms);
        box.Node.Step();
        term = box.Node.Report.Term;
        Assert.True(box.Node.Report.Live, box.Transcript);
        return box;
    }

    [Theory]
    [InlineData(BoxRole.Primary, 0, false)] // equal terms: the primary stays live
    [InlineData(BoxRole.Primary, 1, true)]  // the backup's higher term stays live
    [InlineData(BoxRole.Backup, 1, true)]   // equal terms: the backup yields to the primary
    [InlineData(BoxRole.Backup, 0, false)]  // a primary of a lower term is the one to stand by
    [InlineData(BoxRole.Backup, 2, true)]
    public void Of_two_live_boxes_the_higher_term_stays_live_and_on_equal_terms_the_primary(BoxRole role, int peerTerm, bool yields)
    {
        using NodeHarness box = LiveAlone(role, out int term);
        Assert.Equal(role == BoxRole.Primary ? 0 : 1, term);

        box.PeerBeats(peerTerm);
        box.Node.Step();

        string peer = role == BoxRole.Primary ? "backup" : "primary";
        Assert.Equal(yields, box.Transcript.Contains($"standby: the {peer} is live with term {peerTerm}"));
        Assert.Equal(yields, box.Node.Route(TransportCommand.Play));
        // A live box beats as its audio loop completes a period; one standing by does not.
        int sentBefore = box.Link.Sent.Count;
        box.PlayPeriod();
        box.Clock.Advance(5 * Ms);
        box.Node.Step();
        Assert.Equal(!yields, box.Sent(PacketKind.Beat, from: sentBefore).Length > 0);
    }

    /// <summary>A backup that has followed beats every 5 ms for 100 ms, passing every 1 ms as its thread does.</summary>
    private static NodeHarness SteadyBackup()
    {
        NodeHarness box = FollowingBackup();
        for (int beat = 0; beat < 20; beat++)
        {
            box.Passes(5);
            box.PeerBeats(term: 0);
        }
        box.Passes(1);
        Assert.False(box.WentLive, box.Transcript);
        return box;
    }

    /// <summary>
    /// The whole machine freezes for 35 ms: the live box beat twice as the freeze began, and the
    /// standby wakes first, before the live box has beaten again. The silence it sees is the
    /// freeze's, not the live box's: it does not take over, and the beats that come once the live
    /// box wakes too keep it standing by.
    /// </summary>
    [Fact]
    public void A_standby_that_stalls_for_35_ms_with_the_live_box_does_not_take_over_on_waking()
    {
        using NodeHarness box = SteadyBackup();

        box.PeerBeats(term: 0, receivedAt: box.Clock.Now + 2 * Ms);
        box.PeerBeats(term: 0, receivedAt: box.Clock.Now + 5 * Ms);
        box.Clock.Advance(40 * Ms);
        box.Node.Step();
        Assert.False(box.WentLive, box.Transcript);
        Assert.Contains("this box stalled for 39.0 ms itself: the live box's silence counts from now", box.Transcript);

        // The live box wakes 3 ms later and beats every 5 ms again.
        box.Passes(3);
        for (int beat = 0; beat < 20; beat++)
        {
            box.PeerBeats(term: 0);
            box.Passes(5);
        }
        Assert.False(box.WentLive, box.Transcript);
    }

    /// <summary>
    /// Only the standby stalls; the live box's beats reach the link during the stall (stamped as
    /// they arrived) and are read on waking: they show it played on, and the standby stays.
    /// </summary>
    [Fact]
    public void A_standby_that_stalls_for_35_ms_while_beats_queue_up_stays_standing_by()
    {
        using NodeHarness box = SteadyBackup();
        for (int beat = 1; beat <= 7; beat++) box.PeerBeats(term: 0, receivedAt: box.Clock.Now + beat * 5 * Ms);
        box.Clock.Advance(36 * Ms);
        box.Node.Step();
        box.Passes(5);
        for (int beat = 0; beat < 10; beat++)
        {
            box.PeerBeats(term: 0);
            box.Passes(5);
        }

        Assert.False(box.WentLive, box.Transcript);
        Assert.DoesNotContain("stalled", box.Transcript);
    }

    /// <summary>
    /// After the standby's stall the live box beats once more and then falls silent for good: the
    /// standby takes over as it would with no stall, takeover_after_ms and one pass after that beat.
    /// </summary>
    [Fact]
    public void A_live_box_that_falls_silent_after_the_standbys_stall_is_taken_over_on_time()
    {
        using NodeHarness box = SteadyBackup();
        box.Clock.Advance(36 * Ms);
        box.Node.Step();
        box.PeerBeats(term: 0);
        box.Passes(1);
        long lastBeatAt = box.Clock.Now;

        AssertTakesOverOnePassAfterTheTimeout(box, silentSince: lastBeatAt);
        Assert.Contains("live (term 1): TAKEOVER: no heartbeat for 13.0 ms", box.Transcript);
    }

    /// <summary>
    /// The live box dies and the standby stalls for 35 ms: once back, with nothing from the live box
    /// in the link, the standby takes over a timeout and one pass after its stall ended.
    /// </summary>
    [Fact]
    public void A_standby_that_stalls_while_the_live_box_is_dead_takes_over_once_it_has_caught_up()
    {
        using NodeHarness box = SteadyBackup();
        box.Clock.Advance(36 * Ms);
        box.Node.Step();
        long stallEndedAt = box.Clock.Now;
        Assert.False(box.WentLive, box.Transcript);

        AssertTakesOverOnePassAfterTheTimeout(box, silentSince: stallEndedAt);
    }

    /// <summary>
    /// Runs a timeout's passes (1 ms each, as the node thread runs): still standing by at its end,
    /// taken over on silence one pass later, counted from <paramref name="silentSince"/>.
    /// </summary>
    private static void AssertTakesOverOnePassAfterTheTimeout(NodeHarness box, long silentSince)
    {
        box.Passes((int)TakeoverAfterMs);
        Assert.False(box.WentLive, box.Transcript);
        box.Passes(1);

        Assert.Contains("live (term 1): TAKEOVER: no heartbeat for", box.Transcript);
        Assert.Equal(silentSince + TakeoverNs + Ms, box.Clock.Now);
    }

    /// <summary>
    /// A box that takes over says it is live by its beats only once its audio loop has played a
    /// period live and so toggled its watchdog line: its peer, hearing beats with the line still,
    /// would take the show straight back.
    /// </summary>
    [Fact]
    public void A_box_that_takes_over_toggles_its_watchdog_line_before_its_first_beat()
    {
        using NodeHarness box = FollowingBackup();
        box.Passes((int)TakeoverAfterMs + 1);
        Assert.True(box.Node.Report.Live, box.Transcript);

        box.Passes(3);
        Assert.Empty(box.Sent(PacketKind.Beat));
        Assert.Empty(box.WatchdogOut.SentAtToggles);

        box.PlayPeriod();
        box.Node.Step();

        int firstToggle = Assert.Single(box.WatchdogOut.SentAtToggles);
        int firstBeat = box.Link.Sent.FindIndex(packet => packet.Kind == PacketKind.Beat);
        Assert.True(firstBeat >= firstToggle, $"the first live beat was packet {firstBeat}, the line first toggled after {firstToggle}");
    }

    [Fact]
    public void A_primary_that_hears_no_live_box_goes_live_after_its_listen_time()
    {
        using var box = new NodeHarness(BoxRole.Primary);
        box.Clock.Advance(300 * Ms);
        box.Node.Step();
        Assert.False(box.WentLive, box.Transcript);
        Assert.False(box.Node.WaitForRole(TimeSpan.Zero), "a listening primary's role is not decided");

        box.Clock.Advance(1);
        box.Node.Step();

        Assert.Contains("live (term 0): no live box answered", box.Transcript);
        Assert.True(box.Node.WaitForRole(TimeSpan.Zero));
        Assert.Equal("primary, live, term 0; no link; disarmed (no link to the other box); packets: 0 taken, 0 lost; refused: 0 from strangers, 0 malformed, 0 forged, 0 replayed",
            box.Node.Report.ToString());
    }

    [Fact]
    public void A_backup_with_no_primary_leads_after_two_seconds()
    {
        using var box = new NodeHarness(BoxRole.Backup);
        Assert.Equal("backup, standby, term 0; no link; disarmed (starting); offset +0.0 frames, rate +0.0 ppm; packets: 0 taken, 0 lost; refused: 0 from strangers, 0 malformed, 0 forged, 0 replayed",
            box.Node.Report.ToString());
        box.Clock.Advance(2000 * Ms);
        box.Node.Step();
        Assert.False(box.WentLive, box.Transcript);
        Assert.Single(box.Sent(PacketKind.Report));

        box.Clock.Advance(1);
        box.Node.Step();

        Assert.Contains("live (term 1): no primary answered", box.Transcript);
        Assert.False(box.Node.Report.TookOver, "leading alone is not a takeover");
    }

    /// <summary>A backup following at +300 ppm (as its rate controller left it) that has just taken over.</summary>
    private static NodeHarness TookOverAt300Ppm()
    {
        NodeHarness box = FollowingBackup();
        box.Stage.Ratio = 1 + 300e-6;
        // Passes 1 ms apart, as the node thread runs them: a longer step would be this box's own stall.
        box.Passes((int)(TakeoverNs / Ms) + 1);
        Assert.True(box.Node.Report.Live, box.Transcript);
        return box;
    }

    [Fact]
    public void After_a_takeover_the_ratio_glides_to_exactly_1_within_4_s_never_faster_than_1_2_ppm_per_10_ms()
    {
        using NodeHarness box = TookOverAt300Ppm();
        Assert.Equal(1 + 300e-6, box.Stage.Ratio); // no step at the switch

        // Passes 1 ms apart as a live node runs, some later, and one after a 250 ms stall of the node thread.
        long[] gaps = [1 * Ms, 1 * Ms, 3 * Ms, 1 * Ms, 7 * Ms, 1 * Ms, 1 * Ms, 20 * Ms];
        const double PpmPer10Ms = 1.2e-6;
        long glided = 0;
        double before = box.Stage.Ratio;
        for (int pass = 0; box.Stage.Ratio != 1; pass++)
        {
            long gap = pass == 1500 ? 250 * Ms : gaps[pass % gaps.Length];
            box.Clock.Advance(gap);
            box.Node.Step();
            double step = before - box.Stage.Ratio;
            // The glide counts a late pass as 10 ms: after a stall it goes on gliding rather than stepping.
            glided += Math.Min(gap, 10 * Ms);
            Assert.True(step >= 0, $"the ratio rose by {-step * 1e6:0.000} ppm at pass {pass}, {glided / Ms} ms into the glide");
            Assert.True(step <= PpmPer10Ms * Math.Min(gap, 10 * Ms) / (10 * Ms),
                $"the ratio fell {step * 1e6:0.000} ppm in a pass {gap / Ms} ms long, {glided / Ms} ms into the glide");
            Assert.True(glided <= 4000 * Ms, $"still at {(box.Stage.Ratio - 1) * 1e6:0.000} ppm after 4 s of glide");
            before = box.Stage.Ratio;
        }

        Assert.Equal(1.0, box.Stage.Ratio);
        for (int pass = 0; pass < 100; pass++)
        {
            box.Clock.Advance(1 * Ms);
            box.Node.Step();
        }
        Assert.Equal(1.0, box.Stage.Ratio);
    }

    [Fact]
    public void The_report_and_the_screen_say_the_ratio_glides_and_say_nothing_of_it_once_at_1()
    {
        using NodeHarness box = TookOverAt300Ppm();
        Assert.Equal("backup, live (took over), term 1; link up, delay 0.00 ms, loss 0%; disarmed (the standby box is not following); rate +300.0 ppm, gliding to 0; packets: 1 taken, 0 lost; refused: 0 from strangers, 0 malformed, 0 forged, 0 replayed",
            box.Node.Report.ToString());
        Assert.Equal("the standby box is not following, rate +300 ppm, gliding to 0", RedundancyScreen.StatusOf(box.Node.Report).Detail);

        // Halfway through the glide the ratio is halfway down (a raised cosine); the report, made every 50 ms, says where it was.
        for (int pass = 0; pass < 2000; pass++)
        {
            box.Clock.Advance(1 * Ms);
            box.Node.Step();
        }
        Assert.Equal(150e-6, box.Stage.Ratio - 1, 1e-12);
        RedundancyReport midway = box.Node.Report;
        Assert.InRange(midway.RatioPpm, 150, 156);
        Assert.Contains($"; disarmed (no link to the other box); rate +{midway.RatioPpm:0.0} ppm, gliding to 0; packets: ", midway.ToString());
        Assert.Equal($"no link to the other box, rate +{midway.RatioPpm:0} ppm, gliding to 0", RedundancyScreen.StatusOf(midway).Detail);

        for (int pass = 0; pass < 2100; pass++)
        {
            box.Clock.Advance(1 * Ms);
            box.Node.Step();
        }
        Assert.Equal(1.0, box.Stage.Ratio);
        Assert.Equal("backup, live (took over), term 1; no link; disarmed (no link to the other box); packets: 1 taken, 0 lost; refused: 0 from strangers, 0 malformed, 0 forged, 0 replayed",
            box.Node.Report.ToString());
        Assert.Equal("no link to the other box", RedundancyScreen.StatusOf(box.Node.Report).Detail);
    }

    [Fact]
    public void A_box_that_goes_live_at_ratio_1_stays_at_exactly_1_and_never_says_it_glides()
    {
        using NodeHarness box = LiveAlone(BoxRole.Primary, out _);
        for (int pass = 0; pass < 5000; pass++)
        {
            box.Clock.Advance(1 * Ms);
            box.Node.Step();
            Assert.Equal(1.0, box.Stage.Ratio);
            Assert.False(box.Node.Report.Gliding, box.Node.Report.ToString());
        }
    }

    [Fact]
    public void A_gliding_box_that_stands_by_leaves_its_ratio_to_the_rate_controller()
    {
        using NodeHarness box = TookOverAt300Ppm();
        for (int pass = 0; pass < 1000; pass++)
        {
            box.Clock.Advance(1 * Ms);
            box.Node.Step();
        }
        double atYield = box.Stage.Ratio;
        Assert.InRange(atYield, 1 + 1e-6, 1 + 299e-6);

        box.PeerBeats(term: 2);
        box.Node.Step();
        Assert.Contains("standby: the primary is live with term 2", box.Transcript);
        for (int pass = 0; pass < 5000; pass++)
        {
            box.Clock.Advance(1 * Ms);
            if (pass % 5 == 0) box.PeerBeats(term: 2);
            box.Node.Step();
        }

        // The peer is stopped, so there is no offset to steer by: the ratio stays where the glide left it.
        Assert.Equal(atYield, box.Stage.Ratio);
        Assert.False(box.Node.Report.Gliding);
        Assert.Contains("; offset +0.0 frames, rate +", box.Node.Report.ToString());
    }

    [Fact]
    public void A_following_pass_allocates_nothing()
    {
        using NodeHarness box = FollowingBackup();
        for (int beat = 0; beat < 200; beat++) box.PeerBeats(term: 0);
        box.Node.Step();
        box.Clock.Advance(1 * Ms);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int pass = 0; pass < 100; pass++)
        {
            box.Node.Step();
            box.Clock.Advance(100_000);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.False(box.WentLive, box.Transcript);
    }
}
