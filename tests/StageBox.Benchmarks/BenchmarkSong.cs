using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;
using StageBox.Engine.Transport;

namespace StageBox.Benchmarks;

/// <summary>A click-only song for the display benchmarks: the screen depends on the position, not on the audio.</summary>
internal static class BenchmarkSong
{
    public const int Rate = 48_000;

    public static SetlistSlot[] Setlist(double tempo, int bars) =>
    [
        new(new PreparedSong("benchmark", "Midnight Drive", Rate, new TempoMap([new TempoChange(1, tempo, new Meter(4, 4))]), 1, bars,
            [("Intro", 1), ("Verse", 9), ("Chorus", 25)], new ClickSetup([0, 1], 1, 1, ClickSounds.Synthesize(Rate)), [], [], SongEnd.Stop), SongEnd.Stop),
        new(new PreparedSong("next", "Harbour Lights", Rate, new TempoMap([new TempoChange(1, 80, new Meter(6, 8))]), 0, 8,
            [], new ClickSetup([0, 1], 1, 1, ClickSounds.Synthesize(Rate)), [], [], SongEnd.Stop), SongEnd.Stop),
    ];
}
