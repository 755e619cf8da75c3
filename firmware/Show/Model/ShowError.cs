namespace StageBox.Show.Model;

/// <summary>
/// One problem in a user's show files or stagebox.yaml: where it is, what is wrong, and how to fix it.
/// Printed as <c>file:line:column: error: problem (fix)</c>, the form editors jump to.
/// </summary>
public sealed record ShowError(SourceLocation Where, string Problem, string? Fix = null)
{
    public override string ToString() => Fix is null ? $"{Where}: error: {Problem}" : $"{Where}: error: {Problem} ({Fix})";
}
