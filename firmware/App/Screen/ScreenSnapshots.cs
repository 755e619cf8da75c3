using StageBox.Control.Views;
using StageBox.Hal.Display;
using StageBox.Media.Images;

namespace StageBox.App.Screen;

/// <summary>
/// <c>run --display-png DIR</c>: PNGs of the glass at the moments worth keeping (a new song,
/// transport state, section or bar), numbered in order, and latest.png with the last frame.
/// </summary>
internal sealed class ScreenSnapshots(string folder)
{
    private (int Song, string Transport, string Section, int Bar, bool Setlist, BoxAlerts Alerts)? _lastMoment;
    private int _written;

    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;
    public int Written => _written;

    public void Offer(ScreenContent content, FrameBuffer glass)
    {
        StageStatus status = content.Status;
        var moment = (status.SongNumber, status.Transport, status.Section, status.Bar, content.Setlist is not null, content.Alerts);
        if (moment == _lastMoment) return;
        _lastMoment = moment;
        string state = status.Transport.ToLowerInvariant().Replace(", ", "-").Replace(' ', '-');
        PngFile.Write(Path.Combine(Folder, $"{++_written:D5}-song{status.SongNumber}-{state}-bar{status.Bar}.png"), glass);
    }

    /// <summary>The frame on the glass when the run ended.</summary>
    public void WriteLatest(FrameBuffer glass) => PngFile.Write(Path.Combine(Folder, "latest.png"), glass);
}
