using System.Text.RegularExpressions;

namespace StageBox.Tests.App.Services;

/// <summary>
/// The README's architecture section shows the composition root and the tree of firmware/App:
/// both are checked against the code, so the notes cannot drift from what they describe.
/// </summary>
public sealed partial class ArchitectureNotesTests
{
    private static readonly string Repository = FindRepository();

    private static string FindRepository()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "README.md")) && Directory.Exists(Path.Combine(directory.FullName, "firmware", "App")))
                return directory.FullName;
        throw new DirectoryNotFoundException("the repository (README.md beside firmware/App) not found above " + AppContext.BaseDirectory);
    }

    private static string Architecture()
    {
        string readme = File.ReadAllText(Path.Combine(Repository, "README.md"));
        int start = readme.IndexOf("## Architecture", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Architecture section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }

    [Fact]
    public void The_composition_root_shown_is_the_one_in_the_code()
    {
        string shown = CSharpBlock().Match(Architecture()).Groups[1].Value;
        string code = File.ReadAllText(Path.Combine(Repository, "firmware", "App", "Commands", "RunCommand.cs"));
        string[] lines = shown.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Contains(lines, line => line.StartsWith("yield return", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Contains(line, code));
    }

    [Fact]
    public void The_tree_names_every_folder_of_the_app_and_no_other()
    {
        string[] shown = TreeFolder().Matches(Architecture()).Select(m => m.Groups[1].Value).Order().ToArray();
        string[] present = Directory.GetDirectories(Path.Combine(Repository, "firmware", "App"))
            .Select(Path.GetFileName).OfType<string>().Where(name => name is not ("bin" or "obj")).Order().ToArray();

        Assert.Equal(present, shown);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^  ([A-Z][A-Za-z]+)/ ", RegexOptions.Multiline)]
    private static partial Regex TreeFolder();
}
