using StageBox.App.Session;
using StageBox.Engine.Transport;

namespace StageBox.Tests.App;

/// <summary>
/// The log line that says when the audio thread allocated: once per breach, with how much, and
/// nothing while it allocates nothing. (The thread counting here is the test's own, as it would be
/// the audio thread's in the box.)
/// </summary>
public sealed class AudioThreadAllocationWatchTests
{
    private static readonly PlaybackPosition Playing = default(PlaybackPosition) with { State = TransportState.Playing, SongIndex = 2 };

    [Fact]
    public void A_breach_is_logged_once_with_its_bytes_and_where_the_show_was()
    {
        var health = new RenderHealth();
        var lines = new List<string>();
        var watch = new AudioThreadAllocationWatch(health, lines.Add);
        health.WarmedUp();
        health.RecordAllocations();
        watch.Observe(Playing);
        Assert.Empty(lines);

        GC.KeepAlive(new byte[1000]);
        health.RecordAllocations();
        watch.Observe(Playing);
        watch.Observe(Playing);

        string line = Assert.Single(lines);
        long bytes = health.AllocatedBytesAfterWarmUp;
        Assert.True(bytes >= 1000, $"{bytes} bytes counted, the 1000-byte array included");
        Assert.Equal($"the audio thread allocated {bytes} bytes by its period 2 after warm-up ({bytes} in all), transport Playing, song 3", line);
    }
}
