namespace StageBox.Show.Import;

/// <summary>Where an import is: its stage, how far along the whole import (0 to 1), and the file at hand.</summary>
public readonly record struct ImportProgress(ImportStage Stage, double Fraction, string? File = null);

public enum ImportStage
{
    Checking,
    Converting,
    Verifying,
    Committing,
    Done,
}
