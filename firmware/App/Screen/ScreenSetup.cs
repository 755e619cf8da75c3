namespace StageBox.App.Screen;

/// <summary>How a run shows the stage screen: on a panel (real or emulated) or none, with PNG snapshots or not, and how often it draws.</summary>
internal sealed record ScreenSetup(PanelScreen? Panel, ScreenSnapshots? Snapshots, int FramesPerSecond);
