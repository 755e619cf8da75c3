using StageBox.Show.Model;

namespace StageBox.App.Session;

/// <summary>Which of a show's setlists the box plays: the one asked for (the command line's, else the configuration's), else the only one.</summary>
internal static class SetlistChoice
{
    /// <returns>The setlist's name; null when the show has neither, with <paramref name="problem"/> saying so.</returns>
    public static string? Choose(ShowDefinition show, string wanted, out ShowError? problem)
    {
        problem = null;
        if (show.Setlists.ContainsKey(wanted)) return wanted;
        if (show.Setlists.Count == 1) return show.Setlists.Keys.Single();
        problem = new ShowError(new SourceLocation(show.Folder), $"no setlist '{wanted}' (setlists here: {string.Join(", ", show.Setlists.Keys.Order())})",
            "choose one with --setlist, or show.setlist in the configuration");
        return null;
    }
}
