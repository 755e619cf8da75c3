using StageBox.Engine.Transport;
using StageBox.Hal.Display;
using StageBox.Media.Fonts;

namespace StageBox.Control.Views;

/// <summary>
/// Draws the 320x240 stage screen: song and transport across the top, the bar number as large
/// as the glass allows with the beat beside it, a light per beat of the bar, section, tempo and
/// meter, elapsed and remaining time, the next song, and a status line for the redundancy link
/// and alerts. While the encoder browses, the setlist takes the middle of the screen.
/// </summary>
public sealed class StageScreen(ScreenFonts fonts)
{
    public const int Width = 320, Height = 240;
    private const int Margin = 6;
    private const int HeaderBottom = 26, BarBaseline = 134, BeatColumn = 250, LightsTop = 142, LightsBottom = 164;
    private const int SectionBaseline = 187, TimeBaseline = 209, StatusTop = 218;

    /// <summary>Where the bar number is drawn: tests and the dirty-rectangle checks look here.</summary>
    public static readonly PixelRect BarArea = new(0, HeaderBottom + 2, BeatColumn - 4, BarBaseline + 4 - HeaderBottom - 2);
    public static readonly PixelRect BeatLights = new(Margin, LightsTop, Width - 2 * Margin, LightsBottom - LightsTop);
    public static readonly PixelRect StatusLine = new(0, StatusTop, Width, Height - StatusTop);

    public void Draw(ScreenContent content, FrameBuffer frame)
    {
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"the stage screen is {Width}x{Height}, not {frame.Width}x{frame.Height}");
        frame.Fill(StagePalette.Background);
        StageStatus status = content.Status;
        DrawHeader(frame, status);
        if (content.Setlist is SetlistPage page) DrawSetlist(frame, page);
        else
        {
            DrawBarAndBeat(frame, status, content.BeatFlash);
            DrawBeatLights(frame, status, content.BeatFlash);
            DrawDetails(frame, status);
        }
        DrawStatusLine(frame, content.Alerts);
    }

    private void DrawHeader(FrameBuffer frame, StageStatus status)
    {
        (string badge, ushort colour) = status.State switch
        {
            TransportState.CountIn => ("COUNT-IN", StagePalette.CountIn),
            TransportState.Playing when status.SegueArmed => ("SEGUE", StagePalette.Segue),
            TransportState.Playing => ("PLAYING", StagePalette.Playing),
            TransportState.Stopping => ("STOPPING", StagePalette.Dim),
            _ => ("STOPPED", StagePalette.Dim),
        };
        int badgeWidth = fonts.Small.Measure(badge) + 12;
        int badgeLeft = Width - Margin - badgeWidth;
        frame.FillRect(new PixelRect(badgeLeft, 4, badgeWidth, 18), colour);
        TextPainter.Draw(frame, fonts.Small, badge, badgeLeft + 6, 17, StagePalette.Black);
        string number = $"{status.SongNumber}/{status.SongCount}";
        int numberWidth = TextPainter.Draw(frame, fonts.Small, number, Margin, 18, StagePalette.Dim);
        int titleLeft = Margin + numberWidth + 6;
        TextPainter.Draw(frame, fonts.Title, status.Song, titleLeft, 20, StagePalette.Text, badgeLeft - 6 - titleLeft);
    }

    private void DrawBarAndBeat(FrameBuffer frame, StageStatus status, bool flash)
    {
        bool countIn = status.State == TransportState.CountIn;
        bool moving = status.State is TransportState.Playing or TransportState.CountIn;
        TextPainter.Draw(frame, fonts.Small, countIn ? "COUNT-IN" : "BAR", Margin, 42, StagePalette.Dim);
        // Stopped at the top of a song, the cue sits on its count-in; the song starts at bar 1.
        int shown = countIn ? status.CountInBarsLeft : moving ? status.Bar : Math.Max(1, status.Bar);
        string bar = shown.ToString();
        ushort barColour = countIn ? StagePalette.CountIn : moving ? StagePalette.Text : StagePalette.Dim;
        TextPainter.DrawRight(frame, fonts.Bar, bar, BeatColumn - 6, BarBaseline, barColour);

        int centre = (BeatColumn + Width) / 2;
        TextPainter.DrawCentred(frame, fonts.Small, "BEAT", centre, 42, StagePalette.Dim);
        ushort beatColour = moving ? (flash ? LightColour(status, status.Beat) : StagePalette.Text) : StagePalette.Dim;
        TextPainter.DrawCentred(frame, fonts.Beat, status.Beat.ToString(), centre, 104, beatColour);
        TextPainter.DrawCentred(frame, fonts.Body, $"of {status.BeatsPerBar}", centre, 128, StagePalette.Dim);
    }

    /// <summary>
    /// One light per beat: the current one lit (full while it flashes, half after), the bar's first
    /// beat in red and group starts in amber, so 7/8's 2+2+3 can be read at a glance.
    /// </summary>
    private static void DrawBeatLights(FrameBuffer frame, StageStatus status, bool flash)
    {
        int beats = status.BeatsPerBar;
        const int gap = 3;
        int width = (BeatLights.Width - (beats - 1) * gap) / beats;
        if (width < 3) return; // more beats than the glass can show as lights: the beat number says it
        bool moving = status.State is TransportState.Playing or TransportState.CountIn;
        int left = BeatLights.X + (BeatLights.Width - (beats * width + (beats - 1) * gap)) / 2;
        for (int beat = 1; beat <= beats; beat++)
        {
            var light = new PixelRect(left + (beat - 1) * (width + gap), BeatLights.Y, width, BeatLights.Height);
            ushort colour = LightColour(status, beat);
            ushort fill = moving && beat == status.Beat
                ? (flash ? colour : Rgb565.Blend(StagePalette.Black, colour, 110))
                : IsGroupStart(status, beat) ? Rgb565.Blend(StagePalette.Black, colour, 60) : StagePalette.Panel;
            frame.FillRect(light, fill);
        }
    }

    private static bool IsGroupStart(StageStatus status, int beat) => beat <= 64 && (status.GroupStarts >> (beat - 1) & 1) != 0;

    private static ushort LightColour(StageStatus status, int beat) =>
        beat == 1 ? StagePalette.Accent : IsGroupStart(status, beat) ? StagePalette.GroupAccent : StagePalette.Beat;

    private void DrawDetails(FrameBuffer frame, StageStatus status)
    {
        string tempo = $"{status.Tempo}  {status.Meter}";
        int tempoWidth = fonts.Body.Measure(tempo);
        TextPainter.Draw(frame, fonts.Body, tempo, Width - Margin - tempoWidth, SectionBaseline, StagePalette.Text);
        int sectionLeft = Margin;
        if (status.LoopingSection) sectionLeft += TextPainter.Draw(frame, fonts.Small, "LOOP ", Margin, SectionBaseline - 2, StagePalette.CountIn);
        string section = status.Section.Length > 0 ? status.Section : status.Bar < 1 ? "Count-in" : "-";
        TextPainter.Draw(frame, fonts.Heading, section, sectionLeft, SectionBaseline, StagePalette.Text, Width - 2 * Margin - tempoWidth - 8 - (sectionLeft - Margin));

        int timeWidth = TextPainter.Draw(frame, fonts.Body, Clock(status.Elapsed), Margin, TimeBaseline, StagePalette.Text);
        timeWidth += TextPainter.Draw(frame, fonts.Body, "  -" + Clock(status.Remaining), Margin + timeWidth, TimeBaseline, StagePalette.Dim);
        int nextLeft = Margin + timeWidth + 12;
        string next = "next: " + status.NextSong;
        int room = Width - Margin - nextLeft;
        int nextWidth = Math.Min(fonts.Body.Measure(next), room);
        TextPainter.Draw(frame, fonts.Body, next, Width - Margin - nextWidth, TimeBaseline, StagePalette.Dim, room);
    }

    private static string Clock(TimeSpan time) => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss") : time.ToString(@"m\:ss");

    private void DrawSetlist(FrameBuffer frame, SetlistPage page)
    {
        const int rowHeight = 23, rows = 8, top = HeaderBottom + 4;
        int first = Math.Clamp(page.Cursor - rows / 2, 0, Math.Max(0, page.Titles.Count - rows));
        for (int row = 0; row < rows && first + row < page.Titles.Count; row++)
        {
            int song = first + row;
            int y = top + row * rowHeight;
            if (song == page.Cursor) frame.FillRect(new PixelRect(0, y, Width, rowHeight - 1), StagePalette.Cursor);
            TextPainter.DrawRight(frame, fonts.Body, $"{song + 1}", Margin + 24, y + 17, StagePalette.Dim);
            int left = Margin + 32;
            if (song == page.Playing) left += TextPainter.Draw(frame, fonts.Heading, "▶ ", left, y + 17, StagePalette.Playing);
            TextPainter.Draw(frame, fonts.Heading, page.Titles[song], left, y + 17, StagePalette.Text, Width - Margin - left);
        }
    }

    private void DrawStatusLine(FrameBuffer frame, BoxAlerts alerts)
    {
        RedundancyStatus link = alerts.Redundancy;
        string role = link.Role switch
        {
            RedundancyRole.Standalone => "STANDALONE",
            RedundancyRole.Primary => "PRIMARY" + (link.LinkUp ? link.Armed ? " · backup armed" : " · not armed" : " · no link"),
            _ => "BACKUP" + (link.LinkUp ? link.Armed ? " · following" : " · not armed" : " · no link"),
        };
        if (link.Detail.Length > 0 && !link.BackupLive) role += " · " + link.Detail;
        (ushort background, ushort text, string message) = alerts switch
        {
            { DeviceAway: true } => (StagePalette.Danger, StagePalette.Text, "AUDIO DEVICE LOST · keeping time"),
            { Redundancy.BackupLive: true } => (StagePalette.Danger, StagePalette.Text, "BACKUP LIVE"),
            { Import.Failed: true } => (StagePalette.Warning, StagePalette.Black, "IMPORT FAILED"),
            { Import: ImportProgress import } => (StagePalette.Panel, StagePalette.Text, $"IMPORT {import.Fraction * 100:0}%"),
            { DeviceLosses: > 0 } => (StagePalette.Warning, StagePalette.Black, $"device lost {alerts.DeviceLosses}x, back"),
            { Xruns: > 0 } => (StagePalette.Panel, StagePalette.CountIn, $"XRUNS {alerts.Xruns}"),
            _ => (StagePalette.Panel, StagePalette.Dim, ""),
        };
        frame.FillRect(StatusLine, background);
        if (alerts.Import is { Failed: false } progress && !alerts.DeviceAway && !link.BackupLive)
            frame.FillRect(StatusLine with { Width = (int)(Width * Math.Clamp(progress.Fraction, 0, 1)) }, StagePalette.Import);
        const int baseline = StatusTop + 16;
        if (link.BackupLive || alerts.DeviceAway)
        {
            TextPainter.DrawCentred(frame, fonts.Heading, message, Width / 2, baseline + 1, text);
            return;
        }
        // The alert on the right in full; the role and link take what room is left.
        int messageWidth = message.Length > 0 ? Math.Min(fonts.Heading.Measure(message), 220) : 0;
        if (messageWidth > 0) TextPainter.Draw(frame, fonts.Heading, message, Width - Margin - messageWidth, baseline + 1, text, messageWidth);
        string left = alerts.Import switch
        {
            { Failed: true } failed => $"{failed.Source}: {failed.Phase}",
            { } running => $"{running.Phase} from {running.Source}",
            null => role,
        };
        TextPainter.Draw(frame, fonts.Small, left, Margin, baseline - 1, alerts.Import is null ? StagePalette.Dim : text, Width - 3 * Margin - messageWidth);
    }

    /// <summary>The bar-number font, for checks that the number is tall enough to read from across a stage.</summary>
    public Font BarFont => fonts.Bar;
}
