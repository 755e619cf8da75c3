using StageBox.App.Configuration;
using StageBox.App.Pair;
using StageBox.Redundancy.Link;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary>
/// Where the show <c>stagebox run</c> plays comes from: a folder given or configured (the user's
/// to change), or the library's installed show (which sticks update).
/// </summary>
internal sealed record PlayedShow(ShowLibrary? Library, string? Folder)
{
    public static PlayedShow FromLibrary(ShowLibrary library) => new(library, null);
    public static PlayedShow FromFolder(string folder) => new(null, folder);

    public LoadResult<ShowDefinition> Load(BoxConfiguration configuration)
    {
        if (Library is null) return ShowLoader.LoadShow(Folder!, configuration.Audio.Channels);
        Console.WriteLine($"show: the library's {Library.Pointer?.Current ?? "(nothing installed)"} in {Library.Layout.Root}");
        return InstalledShow.Load(Library, configuration.Audio.Rate, configuration.Audio.Channels);
    }

    /// <summary>What the two boxes of a pair compare: the show's content and the setlist played.</summary>
    public ShowIdentity Identity(string setlist) =>
        ShowIdentity.Of(Library is not null ? ShowContent.HashOf(Library) : ShowContent.HashOfFolder(Folder!), setlist);
}
