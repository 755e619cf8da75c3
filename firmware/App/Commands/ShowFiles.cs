using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary>Loads show files for a command, printing every problem when there are any.</summary>
internal static class ShowFiles
{
    public static T? LoadOrReport<T>(LoadResult<T> result, TextWriter errors) where T : class
    {
        foreach (ShowError error in result.Errors) errors.WriteLine(error);
        if (!result.Succeeded) errors.WriteLine($"{result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")} found; nothing was loaded");
        return result.Value;
    }
}
