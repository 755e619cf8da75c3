using StageBox.Engine.Songs;
using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.Tests.Show;

/// <summary>Setlists checked within a show whose songs are midnight-drive and slow-one.</summary>
public sealed class SetlistFileErrorTests
{
    private const string SetlistFile = "setlists/friday.yaml";

    public static TheoryData<string, string, int, int, string> MalformedSetlists => new()
    {
        { "unknown song", """
            title: Friday
            songs:
              - midnite-drive
            """, 3, 5, "did you mean 'midnight-drive'" },
        { "unknown song in an entry with an end", """
            title: Friday
            songs:
              - { song: slow-too, end: segue }
            """, 3, 13, "did you mean 'slow-one'" },
        { "unknown song unlike any", """
            title: Friday
            songs:
              - encore
            """, 3, 5, "song folders: midnight-drive, slow-one" },
        { "title of 101 characters", $"title: {new string('f', 101)}\nsongs:\n  - slow-one\n", 1, 8, "is 101 characters long; at most 100" },
        { "no songs", """
            title: Friday
            songs: []
            """, 2, 8, "no songs" },
        { "songs without value", """
            title: Friday
            songs:
            """, 2, 7, "'songs' has no value" },
        { "missing songs", "title: Friday\n", 1, 1, "missing 'songs'" },
        { "songs is one name", """
            title: Friday
            songs: slow-one
            """, 2, 8, "list" },
        { "unknown end", """
            title: Friday
            songs:
              - { song: slow-one, end: fade }
            """, 3, 28, "unknown end 'fade'" },
        { "misspelt title", """
            tittle: Friday
            songs:
              - slow-one
            """, 1, 1, "did you mean 'title'" },
        { "misspelt entry field", """
            songs:
              - { song: slow-one, ending: segue }
            """, 2, 23, "did you mean 'end'" },
        { "entry without song", """
            songs:
              - { end: segue }
            """, 2, 5, "missing 'song'" },
        { "entry is a list", """
            songs:
              - [slow-one]
            """, 2, 5, "'field: value' pairs" },
        { "root is a list", "- slow-one\n", 1, 1, "'field: value' pairs" },
        { "syntax error", """
            title: Friday
            songs:
              - { song: slow-one
            """, 3, 21, "expected ',' or '}'" },
    };

    [Theory]
    [MemberData(nameof(MalformedSetlists))]
    public void Reports_the_one_problem_at_its_line_and_column(string name, string yaml, int line, int column, string problem)
    {
        using TempShowFolder show = TwoSongShow().Text(SetlistFile, yaml);

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(show.Root);

        Assert.Null(result.Value);
        Assert.True(result.Errors.Count == 1, $"{name}: expected one error, got:\n{string.Join("\n", result.Errors)}");
        ShowError error = result.Errors[0];
        Assert.Equal((SetlistFile, line, column), (error.Where.File, error.Where.Line, error.Where.Column));
        Assert.Contains(problem, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_song_may_come_back_and_entries_may_override_the_end()
    {
        using TempShowFolder show = TwoSongShow().Text(SetlistFile, """
            title: Friday
            songs:
              - midnight-drive
              - { song: slow-one, end: segue }
              - midnight-drive
            """);

        SetlistDefinition setlist = ShowLoader.LoadShow(show.Root).Value!.Setlists["friday"];

        Assert.Equivalent(new SetlistDefinition("friday", "Friday",
        [
            new SetlistEntry("midnight-drive", null, new SourceLocation(SetlistFile, 3, 5)),
            new SetlistEntry("slow-one", SongEnd.Segue, new SourceLocation(SetlistFile, 4, 13)),
            new SetlistEntry("midnight-drive", null, new SourceLocation(SetlistFile, 5, 5)),
        ], new SourceLocation(SetlistFile, 1, 1)), setlist, strict: true);
    }

    [Fact]
    public void A_setlist_without_title_is_named_after_its_file()
    {
        using TempShowFolder show = TwoSongShow().Text(SetlistFile, "songs: [slow-one]\n");

        Assert.Equal("friday", ShowLoader.LoadShow(show.Root).Value!.Setlists["friday"].Title);
    }

    [Fact]
    public void A_setlist_naming_a_broken_song_leaves_the_blame_with_the_song()
    {
        using TempShowFolder show = TwoSongShow()
            .Text("songs/slow-one/song.yaml", "title: Slow One\nbars: 8\n")
            .Text(SetlistFile, "songs: [slow-one]\n");

        ShowError error = Assert.Single(ShowLoader.LoadShow(show.Root).Errors);

        Assert.Equal(new SourceLocation("songs/slow-one/song.yaml", 1, 1), error.Where);
    }

    private static TempShowFolder TwoSongShow() => new TempShowFolder()
        .Text("songs/midnight-drive/song.yaml", ShowFixtures.ClickOnlySong)
        .Text("songs/slow-one/song.yaml", ShowFixtures.ClickOnlySong);
}
