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

public static class ImportStages
{
    /// <summary>The stage as the terminal and the stage screen name it.</summary>
    public static string Describe(this ImportStage stage) => stage switch
    {
        ImportStage.Checking => "checking",
        ImportStage.Converting => "converting",
        ImportStage.Verifying => "verifying",
        ImportStage.Committing => "installing",
        _ => "done",
    };
}
