using StageBox.Redundancy.Roles;

namespace StageBox.Tests.Redundancy;

public sealed class TakeoverRuleTests
{
    private const long Ms = 1_000_000, Timeout = 12 * Ms, Now = 10_000 * Ms;

    [Theory]
    // beat age, line age (-1: no line wired), fault -> verdict
    [InlineData(5, 5, false, Verdict.Playing)]
    [InlineData(13, 13, false, Verdict.Stopped)]
    [InlineData(13, 5, false, Verdict.Playing)]   // late heartbeats, line alive: scheduling, no warning yet
    [InlineData(300, 5, false, Verdict.SignalLost)] // link cut, line alive: a warning, never a takeover
    [InlineData(5, 300, false, Verdict.SignalLost)] // wire cut, heartbeats alive
    [InlineData(5, 5, true, Verdict.Stopped)]      // the live box declares its own fault
    [InlineData(13, -1, false, Verdict.Stopped)]   // no line wired: heartbeats alone
    [InlineData(5, -1, false, Verdict.Playing)]
    public void The_standby_takes_over_only_when_every_signal_is_silent_or_the_live_box_says_so(int beatAgeMs, int lineAgeMs, bool fault, Verdict expected)
    {
        long? lastEdge = lineAgeMs < 0 ? null : Now - lineAgeMs * Ms;
        (Verdict verdict, string why) = TakeoverRule.Judge(Now, Now - beatAgeMs * Ms, lastEdge, fault, "its audio device is gone", Timeout, watchedSince: 0);
        Assert.Equal(expected, verdict);
        Assert.Equal(expected == Verdict.Playing, why.Length == 0);
    }

    /// <summary>
    /// Silence from before the standby's own stall ended does not count, on either signal: both
    /// silent for 30 ms, but the standby has watched only the last 5 (or, later, 13) of them.
    /// </summary>
    [Theory]
    [InlineData(5, Verdict.Playing)]
    [InlineData(13, Verdict.Stopped)]
    [InlineData(300, Verdict.Stopped)]
    public void Silence_counts_only_since_the_standby_watched_without_a_stall_of_its_own(int watchedMs, Verdict expected)
    {
        (Verdict verdict, _) = TakeoverRule.Judge(Now, Now - 30 * Ms, Now - 30 * Ms, false, "", Timeout, watchedSince: Now - watchedMs * Ms);
        Assert.Equal(expected, verdict);
        (Verdict heartbeatsAlone, _) = TakeoverRule.Judge(Now, Now - 30 * Ms, null, false, "", Timeout, watchedSince: Now - watchedMs * Ms);
        Assert.Equal(expected, heartbeatsAlone);
    }
}
