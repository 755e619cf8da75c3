using StageBox.App.Screen;
using StageBox.Tests.Hal;

namespace StageBox.Tests.App.Services;

public sealed class StageDisplayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_screen_draws_on_its_own_thread_and_leaves_its_last_frame_and_a_summary_at_the_end()
    {
        using var box = new TestBox("One", "Two");
        using var folder = new TempDirectory();
        StageDisplay display = StageDisplay.Open(new DisplaySettings(), simulated: true, pngFolder: folder.Path, box.Setlist, "keys");
        display.Start(box.Ports);
        SpinWait.SpinUntil(() => Directory.GetFiles(folder.Path, "*.png").Length > 0, Patience);
        display.Dispose();

        Assert.True(File.Exists(Path.Combine(folder.Path, "latest.png")), "no last frame");
        Assert.Matches(@"^display: .*; [1-9]\d* frames drawn", display.Summary);
    }
}
