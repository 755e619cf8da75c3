using StageBox.Control.Views;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal.Display;
using StageBox.Hal.Sim;
using StageBox.Tests.Engine;

namespace StageBox.Tests.Control.Views;

/// <summary>
/// The stage screen drawn from real engine positions, sent through the real ILI9341 driver and
/// read back from the emulator's glass: what the musician would see, and what crossed the bus.
/// </summary>
public sealed class StageScreenTests : IDisposable
{
    private readonly ScreenFonts _fonts = new();
    private readonly StageScreen _screen;
    private readonly Ili9341Emulator _chip = new();
    private readonly Ili9341Panel _panel;
    private readonly SetlistSlot[] _setlist =
    [
        new(EngineHarness.Song(EngineHarness.Constant(120), countIn: 1, bars: 40, sections: [("Intro", 1), ("Verse", 5)], id: "first"), SongEnd.Stop),
        new(EngineHarness.Song(EngineHarness.Constant(90, 7, 8, [2, 2, 3]), bars: 8, id: "second"), SongEnd.Stop),
    ];

    public StageScreenTests()
    {
        _screen = new StageScreen(_fonts);
        _panel = new Ili9341Panel(_chip.Wiring, PanelRotation.Landscape);
        _panel.Initialize();
    }

    public void Dispose() => _fonts.Dispose();

    /// <summary>The engine playing the first song from <paramref name="bar"/>, stopped once on <paramref name="beat"/>.</summary>
    private PlaybackPosition PlayingAt(int bar, int beat, int song = 0)
    {
        PlaybackEngine engine = EngineHarness.NewEngine(2, 256, _setlist);
        var period = new byte[engine.PeriodBytes];
        foreach (TransportCommand command in new[] { TransportCommand.SelectSong(song), TransportCommand.LocateBar(bar), TransportCommand.Play })
        {
            engine.Commands.TryEnqueue(command);
            engine.RenderPeriod(period);
        }
        while (engine.Position.Read() is var p && (p.Bar != bar || p.Beat != beat)) engine.RenderPeriod(period);
        return engine.Position.Read();
    }

    private IReadOnlyList<PixelRect> Show(PlaybackPosition position, bool flash = true, BoxAlerts? alerts = null, SetlistPage? page = null)
    {
        var frame = new FrameBuffer(StageScreen.Width, StageScreen.Height);
        _screen.Draw(new ScreenContent(StageStatus.From(position, _setlist), alerts ?? BoxAlerts.None, flash, page), frame);
        return _panel.Present(frame).ToArray();
    }

    private static bool Differs(FrameBuffer a, FrameBuffer b, PixelRect area)
    {
        for (int y = area.Y; y < area.Bottom; y++)
            for (int x = area.X; x < area.Right; x++)
                if (a[x, y] != b[x, y]) return true;
        return false;
    }

    /// <summary>The colour at the middle of beat light <paramref name="beat"/> (1-based) of a bar of <paramref name="beats"/>.</summary>
    private static ushort LightColour(FrameBuffer glass, int beat, int beats)
    {
        PixelRect lights = StageScreen.BeatLights;
        int width = (lights.Width - (beats - 1) * 3) / beats;
        int left = lights.X + (lights.Width - (beats * width + (beats - 1) * 3)) / 2;
        return glass[left + (beat - 1) * (width + 3) + width / 2, lights.Y + lights.Height / 2];
    }

    [Fact]
    public void A_new_bar_repaints_the_bar_number_and_the_header_and_status_line_are_not_sent_again()
    {
        Show(PlayingAt(12, 2));
        FrameBuffer before = _chip.Snapshot();
        IReadOnlyList<PixelRect> sent = Show(PlayingAt(13, 2));
        FrameBuffer after = _chip.Snapshot();
        Assert.True(Differs(before, after, StageScreen.BarArea), "the bar number did not change on the glass");
        Assert.Contains(sent, r => r.Intersect(StageScreen.BarArea).Area > 0);
        Assert.DoesNotContain(sent, r => r.Y < 26 || r.Intersect(StageScreen.StatusLine).Area > 0);
        Assert.DoesNotContain(sent, r => r.Intersect(StageScreen.BeatLights).Area > 0); // same beat, same lights
        Assert.True(sent.Sum(r => r.Area) < StageScreen.Width * StageScreen.Height / 3, $"{sent.Sum(r => r.Area)} pixels sent for a bar change");
    }

    [Fact]
    public void The_beat_lights_follow_the_beat_with_the_downbeat_in_the_accent_colour()
    {
        for (int beat = 1; beat <= 4; beat++)
        {
            Show(PlayingAt(6, beat));
            FrameBuffer glass = _chip.Snapshot();
            for (int light = 1; light <= 4; light++)
            {
                ushort expected = light != beat ? StagePalette.Panel : beat == 1 ? StagePalette.Accent : StagePalette.Beat;
                Assert.True(expected == LightColour(glass, light, 4), $"beat {beat}: light {light} shows {LightColour(glass, light, 4):X4}, not {expected:X4}");
            }
        }
    }

    [Fact]
    public void After_its_flash_the_beat_light_stays_on_dimmed_until_the_next_beat()
    {
        Show(PlayingAt(6, 3), flash: true);
        ushort flashing = LightColour(_chip.Snapshot(), 3, 4);
        IReadOnlyList<PixelRect> sent = Show(PlayingAt(6, 3), flash: false);
        ushort after = LightColour(_chip.Snapshot(), 3, 4);
        Assert.Equal(StagePalette.Beat, flashing);
        Assert.NotEqual(flashing, after);
        Assert.NotEqual(StagePalette.Panel, after);
        Assert.Contains(sent, r => r.Intersect(StageScreen.BeatLights).Area > 0);
    }

    [Fact]
    public void In_7_8_grouped_2_2_3_the_group_starts_have_their_own_colour()
    {
        Show(PlayingAt(2, 5, song: 1));
        FrameBuffer glass = _chip.Snapshot();
        Assert.Equal(StagePalette.GroupAccent, LightColour(glass, 5, 7));
        ushort idleGroupStart = LightColour(glass, 3, 7), idleBeat = LightColour(glass, 2, 7), idleDownbeat = LightColour(glass, 1, 7);
        Assert.Equal(StagePalette.Panel, idleBeat);
        Assert.NotEqual(idleBeat, idleGroupStart);
        Assert.NotEqual(idleGroupStart, idleDownbeat);
    }

    [Fact]
    public void The_bar_number_stands_at_least_96_pixels_tall_on_the_glass()
    {
        Show(PlayingAt(18, 1));
        FrameBuffer glass = _chip.Snapshot();
        PixelRect area = StageScreen.BarArea with { X = 30 }; // right of the BAR label
        var inked = Enumerable.Range(area.Y, area.Height).Where(y => Enumerable.Range(area.X, area.Width).Any(x => glass[x, y] == StagePalette.Text)).ToArray();
        Assert.True(inked.Max() - inked.Min() + 1 >= 96, $"the bar number is {inked.Max() - inked.Min() + 1} px tall");
    }

    [Fact]
    public void Alerts_take_the_status_line_device_lost_and_backup_live_in_red()
    {
        PlaybackPosition position = PlayingAt(3, 1);
        Show(position, alerts: BoxAlerts.None with { DeviceAway = true, DeviceLosses = 1 });
        Assert.Equal(StagePalette.Danger, _chip.Snapshot()[2, StageScreen.StatusLine.Y + 2]);
        Show(position, alerts: new BoxAlerts(new RedundancyStatus(RedundancyRole.Backup, LinkUp: true, Armed: true, BackupLive: true)));
        Assert.Equal(StagePalette.Danger, _chip.Snapshot()[2, StageScreen.StatusLine.Y + 2]);
        Show(position, alerts: BoxAlerts.None with { Import = new ImportProgress("stick", 0.5, "converting") });
        FrameBuffer glass = _chip.Snapshot();
        Assert.Equal(StagePalette.Import, glass[2, StageScreen.StatusLine.Y + 2]);        // the progress bar's done half
        Assert.Equal(StagePalette.Panel, glass[StageScreen.Width - 2, StageScreen.StatusLine.Y + 2]);
    }

    [Fact]
    public void A_failed_import_takes_the_status_line_in_amber_without_a_progress_bar()
    {
        Show(PlayingAt(3, 1), alerts: BoxAlerts.None with { Import = new ImportProgress("stagebox-usb-sda1", 0.4, "songs/a/song.yaml:3: no tempo", Failed: true) });
        FrameBuffer glass = _chip.Snapshot();

        Assert.Equal(StagePalette.Warning, glass[2, StageScreen.StatusLine.Y + 2]);
        Assert.Equal(StagePalette.Warning, glass[StageScreen.Width - 2, StageScreen.StatusLine.Y + 2]);
        Assert.DoesNotContain(StagePalette.Import, Enumerable.Range(0, StageScreen.Width).Select(x => glass[x, StageScreen.StatusLine.Y + 2]));
    }

    [Fact]
    public void The_setlist_view_highlights_the_cursor_row()
    {
        PlaybackPosition position = PlayingAt(3, 1);
        Show(position, page: new SetlistPage(["first", "second"], Cursor: 1, Playing: 0));
        FrameBuffer glass = _chip.Snapshot();
        Assert.Equal(StagePalette.Cursor, glass[StageScreen.Width - 3, 30 + 23 + 2]);   // second row
        Assert.NotEqual(StagePalette.Cursor, glass[StageScreen.Width - 3, 30 + 2]);     // first row
    }
}
