using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.Tests.Show;

public sealed class ShowLoaderTests
{
    [Fact]
    public void Loads_every_song_and_setlist_of_a_show()
    {
        using TempShowFolder show = SoundShow("");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(show.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(show.Root, result.Value.Folder);
        Assert.Equal(["a-song", "b-song"], result.Value.Songs.Keys.Order());
        Assert.Equal(["main", "short"], result.Value.Setlists.Keys.Order());
        Assert.Equal(Path.Join(show.Root, "songs", "b-song"), result.Value.Songs["b-song"].Folder);
    }

    [Fact]
    public void Loads_a_show_from_the_root_of_a_usb_stick()
    {
        using TempShowFolder stick = SoundShow("StageBox/");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(stick.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(stick.PathOf("StageBox"), result.Value.Folder);
    }

    [Fact]
    public void Errors_on_a_stick_name_files_from_its_root()
    {
        using TempShowFolder stick = SoundShow("StageBox/").Text("StageBox/songs/a-song/song.yaml", "title: [A]\n");

        ShowError[] errors = ShowLoader.LoadShow(stick.Root).Errors.ToArray();

        Assert.All(errors, e => Assert.Equal("StageBox/songs/a-song/song.yaml", e.Where.File));
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Errors_from_all_files_come_sorted_by_file_then_line()
    {
        using TempShowFolder show = SoundShow("")
            .Text("songs/b-song/song.yaml", "title: B\nbars: 8\ntempo_map:\n  - { bar: 1, tempo: 0 }\n")
            .Text("songs/a-song/song.yaml", "title: A\nbars: 0\ntempo_map:\n  - { bar: 2, tempo: 120 }\n")
            .Text("setlists/main.yaml", "songs: [c-song]\n");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(show.Root);

        Assert.Null(result.Value);
        Assert.Equal(
        [
            ("setlists/main.yaml", 1, 9),
            ("songs/a-song/song.yaml", 2, 7),
            ("songs/a-song/song.yaml", 4, 12),
            ("songs/b-song/song.yaml", 4, 22),
        ], result.Errors.Select(e => (e.Where.File, e.Where.Line, e.Where.Column)));
    }

    [Fact]
    public void A_song_folder_without_song_yaml_is_an_error()
    {
        using TempShowFolder show = SoundShow("").Wav("songs/c-song/drums.wav", channels: 2);

        ShowError error = Assert.Single(ShowLoader.LoadShow(show.Root).Errors);

        Assert.Equal("songs/c-song", error.Where.File);
        Assert.Contains("no song.yaml", error.Problem);
    }

    [Fact]
    public void A_show_needs_songs()
    {
        using TempShowFolder show = new TempShowFolder().Text("songs/.keep", "").Text("setlists/main.yaml", "songs: [a-song]\n");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(show.Root);

        Assert.Contains(result.Errors, e => e.Where.File == "songs" && e.Problem.Contains("no songs"));
    }

    [Fact]
    public void Hidden_files_that_computers_leave_on_sticks_are_ignored()
    {
        using TempShowFolder show = SoundShow("")
            .Text("setlists/._main.yaml", "\0\u0005\u0016\u0007 binary resource fork")
            .Text("songs/.Trashes/junk", "");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(show.Root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["a-song", "b-song"], result.Value.Songs.Keys.Order());
    }

    [Fact]
    public void Two_setlists_of_one_name_clash()
    {
        using TempShowFolder show = SoundShow("").Text("setlists/main.yml", "songs: [a-song]\n");

        ShowError error = Assert.Single(ShowLoader.LoadShow(show.Root).Errors);

        Assert.Equal("setlists/main.yml", error.Where.File);
        Assert.Contains("two setlists named 'main'", error.Problem);
    }

    [Fact]
    public void A_folder_without_songs_is_not_a_show()
    {
        using TempShowFolder folder = new TempShowFolder().Text("notes.txt", "hello");

        LoadResult<ShowDefinition> result = ShowLoader.LoadShow(folder.Root);

        Assert.Null(result.Value);
        Assert.Contains("not a show folder", Assert.Single(result.Errors).Problem);
    }

    [Fact]
    public void A_missing_folder_is_reported_not_thrown()
    {
        using TempShowFolder folder = new();

        Assert.Contains("does not exist", Assert.Single(ShowLoader.LoadShow(folder.PathOf("nowhere")).Errors).Problem);
        Assert.Contains("does not exist", Assert.Single(ShowLoader.LoadSong(folder.PathOf("nowhere")).Errors).Problem);
    }

    [Fact]
    public void A_file_too_large_to_be_a_song_is_refused_unread()
    {
        using TempShowFolder show = SoundShow("").Text("songs/a-song/song.yaml", "title: A\n" + new string('#', 2 << 20));

        ShowError error = Assert.Single(ShowLoader.LoadShow(show.Root).Errors);

        Assert.Equal("songs/a-song/song.yaml", error.Where.File);
        Assert.Contains("larger than", error.Problem);
    }

    [Fact]
    public void Yaml_nested_deeper_than_any_song_is_refused_before_it_exhausts_the_stack()
    {
        using TempShowFolder show = SoundShow("").Text("songs/a-song/song.yaml", "title: " + new string('[', 200_000) + new string(']', 200_000));

        ShowError error = Assert.Single(ShowLoader.LoadShow(show.Root).Errors);

        // The song's mapping is level 1 and the brackets start at column 8, so level 33 is column 39.
        Assert.Equal(new SourceLocation("songs/a-song/song.yaml", 1, 39), error.Where);
        Assert.Contains("nests more than 32 levels", error.Problem);
    }

    /// <summary>Two sound songs and two setlists, under <paramref name="prefix"/> ("" or "StageBox/").</summary>
    private static TempShowFolder SoundShow(string prefix) => new TempShowFolder()
        .Text($"{prefix}songs/a-song/song.yaml", ShowFixtures.ClickOnlySong)
        .Text($"{prefix}songs/b-song/song.yaml", ShowFixtures.ClickOnlySong)
        .Text($"{prefix}setlists/main.yaml", "title: Main\nsongs: [a-song, b-song]\n")
        .Text($"{prefix}setlists/short.yaml", "songs: [b-song]\n");
}
