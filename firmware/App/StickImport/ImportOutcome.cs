namespace StageBox.App.StickImport;

/// <summary>How an import process ended: the generation it installed, or its problems; and everything else it wrote (the report).</summary>
internal sealed record ImportOutcome(int ExitCode, string? Generation, IReadOnlyList<string> Problems, IReadOnlyList<string> Report)
{
    public bool Succeeded => ExitCode == 0 && Generation is not null;

    /// <summary>What the stage screen says went wrong: the first problem, or how the process ended.</summary>
    public string Reason => Problems.Count switch
    {
        0 => $"the import ended with exit code {ExitCode}",
        1 => Problems[0],
        _ => $"{Problems[0]} (and {Problems.Count - 1} more)",
    };
}
