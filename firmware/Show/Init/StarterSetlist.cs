using StageBox.Show.Model;
using StageBox.Show.Writing;

namespace StageBox.Show.Init;

/// <summary>
/// setlists/main.yaml with every song of the show in folder order, for a show that has no
/// setlist yet: without one the box has nothing to play. An existing setlist is the band's
/// running order and is never touched.
/// </summary>
public static class StarterSetlist
{
    public const string Name = "main";

    public static SetlistOutcome? Ensure(string showFolder)
    {
        string setlists = Path.Join(showFolder, ShowLayout.SetlistsFolder);
        string path = Path.Join(setlists, Name + ShowLayout.SetlistExtensions[0]);
        string? existing = Directory.Exists(setlists)
            ? Directory.EnumerateFiles(setlists, "*", new EnumerationOptions())
                .Where(f => ShowLayout.SetlistExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(NaturalOrder.Instance).FirstOrDefault()
            : null;
        if (existing is not null) return new SetlistOutcome(existing, SetlistOutcomeKind.Kept, []);

        string[] songs = Directory.EnumerateDirectories(Path.Join(showFolder, ShowLayout.SongsFolder), "*", new EnumerationOptions())
            .Where(folder => File.Exists(Path.Join(folder, ShowLayout.SongFileName)))
            .Order(NaturalOrder.Instance).Select(folder => Path.GetFileName(folder)).ToArray();
        if (songs.Length == 0) return null;
        var setlist = new SetlistDefinition(Name, "Main", songs.Select(id => new SetlistEntry(id, null, new SourceLocation(path))).ToArray(), new SourceLocation(path));
        try
        {
            Directory.CreateDirectory(setlists);
            NewFile.Write(path, "# Written by stagebox init: every song in folder order. Put them in the running order of the gig.\n" + ShowYamlWriter.Setlist(setlist));
            return new SetlistOutcome(path, SetlistOutcomeKind.Written, songs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SetlistOutcome(path, SetlistOutcomeKind.Failed, songs, e.Message);
        }
    }
}
