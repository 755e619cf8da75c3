using System.Text.RegularExpressions;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App;

/// <summary>
/// A box killed mid-song (kill -9: no clean-up runs) and started again, as systemd does, comes
/// back playing where the band is, not stopped at song 1.
/// </summary>
public sealed partial class ResumeAfterCrashTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _work = new();

    private RunningStageBox Start(params string[] more) => StageBoxProcess.Start(_work.Path,
        ["run", "--sim", "--record", _work.File("sim.wav"), "--status-file", _work.File("status"), "--exit-after", "60", .. more]);

    [Fact]
    public void A_box_killed_while_playing_comes_back_playing_on_in_time_with_the_band()
    {
        int barAtKill;
        using (RunningStageBox box = Start("--play"))
        {
            barAtKill = Bar(box.WaitForLine(line => Bar(line) >= 3, Patience, "bar 3 playing"));
            // The place is written once a second: wait for one taken while the song plays.
            SpinWait.SpinUntil(() => File.Exists(_work.File("status.place")) && File.ReadAllText(_work.File("status.place")).Contains("playing: yes"), Patience);
        }

        using RunningStageBox again = Start();
        string resumed = again.WaitForLine(line => line.StartsWith("place: ", StringComparison.Ordinal), Patience, "what the box made of the place left");
        int firstBarPlayed = Bar(again.WaitForLine(line => Bar(line) > 0, Patience, "a bar played after the restart"));

        Assert.Contains("playing song 1; playing on in time with the band", resumed);
        Assert.True(firstBarPlayed >= barAtKill, $"the restarted box played bar {firstBarPlayed} first; the band was at bar {barAtKill} when it was killed");
    }

    /// <summary>The bar of a headless beat line that says PLAYING ("00:06.0 [1/3] Title | PLAYING | bar 3 beat 2/4 | ..."); 0 for any other line.</summary>
    private static int Bar(string line) => PlayingLine().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;

    [GeneratedRegex(@"\| PLAYING[^|]*\| bar (\d+) beat")]
    private static partial Regex PlayingLine();

    public void Dispose() => _work.Dispose();
}
