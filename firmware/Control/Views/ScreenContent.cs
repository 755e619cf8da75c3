namespace StageBox.Control.Views;

/// <summary>The setlist as the encoder browses it: the titles, the cursor, and the song playing (-1 when stopped).</summary>
public sealed record SetlistPage(IReadOnlyList<string> Titles, int Cursor, int Playing);

/// <summary>
/// Everything one frame of the stage screen shows. Two frames with equal content are the same
/// picture, so the UI thread draws only when this changes.
/// </summary>
/// <param name="BeatFlash">The beat has just landed: its light is at full brightness.</param>
/// <param name="Setlist">Shown instead of the song's details while the encoder browses.</param>
public sealed record ScreenContent(StageStatus Status, BoxAlerts Alerts, bool BeatFlash = false, SetlistPage? Setlist = null);
