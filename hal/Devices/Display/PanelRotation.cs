namespace StageBox.Hal.Display;

/// <summary>
/// How the 240x320 panel is mounted. StageBox's screen is landscape; which way up depends on the
/// enclosure, so both landscape mountings are offered (and portrait, for a tall mounting).
/// </summary>
public enum PanelRotation
{
    Landscape,
    LandscapeFlipped,
    Portrait,
    PortraitFlipped,
}
