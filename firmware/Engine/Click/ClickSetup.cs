namespace StageBox.Engine.Click;

/// <summary>How a song's click sounds and where it goes: 0-based outputs, linear gain, clicks per beat.</summary>
public sealed record ClickSetup(int[] Outputs, float Gain, int Subdivision, ClickSounds Sounds);
