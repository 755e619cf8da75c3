using System.Text;
using StageBox.Show;
using StageBox.Show.Import;
using StageBox.Show.Model;
using Xunit.Abstractions;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// The hostile files a fuzz run may take long to stumble on, built on purpose: alias bombs,
/// files at and past the size limit, and each crash or hang the fuzz runs found, as a regression.
/// Each load runs under the fuzz's hang detector; time and memory are printed, and memory is
/// held to a generous bound (the machine is shared, so time is not).
/// </summary>
public sealed class HostileYamlTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Bytes a load may allocate in all (a bound on its peak, too): a few times the largest file.</summary>
    private const long AllocationBound = 64L << 20;
    private const string Song = "songs/midnight-drive/song.yaml";
    private const string DisplayedSong = "midnight-drive/song.yaml";

    private readonly TempShowFolder _show = FuzzCorpus.WriteShow(new TempShowFolder());

    public void Dispose() => _show.Dispose();

    /// <summary>Nine levels of ten aliases each: a billion leaves when expanded.</summary>
    private static string Ladder(int levels = 9) =>
        "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat(Enumerable.Range(1, levels - 1).Select(i => $"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]\n"));

    [Fact]
    public async Task An_alias_bomb_in_values_is_refused_field_by_field_without_expanding()
    {
        string yaml = Ladder() + "title: Bomb\ntempo_map: *lol8\nsections: *lol8\nstems: *lol8\ncues: *lol8\n";

        LoadResult<SongDefinition> result = await Load(yaml);

        Assert.Contains(result.Errors, e => e.Where == new SourceLocation(DisplayedSong, 1, 1) && e.Problem == "unknown field 'lol0' in a song");
        Assert.Contains(result.Errors, e => e.Problem.StartsWith("a tempo_map entry is written as 'field: value' pairs, not as a list", StringComparison.Ordinal));
        Assert.InRange(result.Errors.Count, 10, 100);
    }

    [Theory]
    [InlineData("? *lol8\n: boom\n", 10, 3, "a field name here is an alias, not a plain word")]
    [InlineData("? [*lol8]\n: boom\n", 10, 3, "a field name here is a list, not a plain word")]
    [InlineData("boom: { *lol8 : 1 }\n", 10, 9, "a field name here is an alias, not a plain word")]
    public async Task An_alias_bomb_as_a_key_is_refused_before_it_is_hashed(string key, int line, int column, string says)
    {
        LoadResult<SongDefinition> result = await Load(Ladder() + key + FuzzCorpus.Files[Song]);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, line, column), says), (error.Where, error.Problem));
    }

    [Theory]
    [InlineData("? &a [*a]\n: x\n", 1, 3, "a field name here is a list, not a plain word")]
    [InlineData("&a { *a : 1 }\n", 1, 6, "a field name here is an alias, not a plain word")]
    [InlineData("a: &a [ { *a : 1 } ]\n", 1, 11, "a field name here is an alias, not a plain word")]
    [InlineData("title: x\n&a { ? [*a] : 1, ? [*a] : 2 }: y\n", 2, 1, "a field name here is a mapping, not a plain word")]
    public async Task A_key_that_holds_itself_is_refused_instead_of_overflowing_the_stack(string yaml, int line, int column, string says)
    {
        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, line, column), says), (error.Where, error.Problem));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_unread()
    {
        string yaml = FuzzCorpus.Files[Song] + "# " + new string('x', 1 << 20) + "\n";

        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong), "the file is larger than 1024 KiB"), (error.Where, error.Problem));
    }

    [Fact]
    public async Task A_file_of_exactly_the_size_limit_is_read_in_bounded_memory()
    {
        // A comment fills the file: a title this long is refused now (at most 100 characters), and the reading is what is at stake.
        string sound = FuzzCorpus.Files[Song].TrimEnd('\n') + "\n";
        string yaml = sound + "# " + new string('x', (1 << 20) - Encoding.UTF8.GetByteCount(sound) - 3) + "\n";
        Assert.Equal(1 << 20, Encoding.UTF8.GetByteCount(yaml));

        LoadResult<SongDefinition> result = await Load(yaml);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("Midnight Drive", result.Value.Title);
    }

    [Fact]
    public async Task One_file_named_a_quarter_of_a_million_times_is_looked_at_once()
    {
        // Without a title the song fails, whatever the stems: only the time it takes is at stake here.
        string yaml = "tempo_map:\n  - { bar: 1, tempo: 120 }\nstems: [&s { file: drums.wav, outputs: [3, 4] }, "
            + string.Concat(Enumerable.Repeat("*s, ", 250_000)) + "*s]\n";

        // A quarter of a million stems are still read one by one: that takes a few seconds and churns memory, within bounds.
        LoadResult<SongDefinition> result = await Load(yaml, allocationBound: 1L << 30);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal("missing 'title'", error.Problem);
    }

    [Theory]
    [InlineData("stems:\n  - { file: \"drums\\0.wav\", outputs: [3, 4] }\n", 6, 13, "'drums\\0.wav' holds a NUL character (\\0), which no file name can")]
    [InlineData("click: { accent_sample: \"\\x00\" }\n", 5, 25, "'\\0' holds a NUL character (\\0), which no file name can")]
    [InlineData("tempo_map:\n  - { bar: 1, tempo: 120, meter: \"\u0661\u0662/4\" }\n", 4, 34, "meter '\u0661\u0662/4' is not a time signature")]
    public async Task A_value_that_crashed_the_parser_is_an_error_at_its_place(string fields, int line, int column, string says)
    {
        string yaml = "title: Crash\nbars: 8\n" + (fields.StartsWith("tempo_map", StringComparison.Ordinal) ? "" : "tempo_map:\n  - { bar: 1, tempo: 120 }\n") + fields;

        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, line, column), says), (error.Where, error.Problem));
    }

    [Theory]
    [InlineData(40, 27, 1)]
    [InlineData(1, 27, 1)]
    public async Task A_file_with_a_tail_of_zeros_is_damaged_not_shorter(int zeros, int line, int column)
    {
        string sound = FuzzCorpus.Files[Song];
        string yaml = sound[..sound.IndexOf("cues:", StringComparison.Ordinal)] + new string('\0', zeros);

        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, line, column), "the file holds a NUL byte here, so it is damaged"), (error.Where, error.Problem));
    }

    [Fact]
    public async Task A_second_document_is_shown_at_its_marker_even_when_empty()
    {
        LoadResult<SongDefinition> result = await Load(FuzzCorpus.Files[Song] + "---\n");

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, 29, 1), "the file holds more than one YAML document"), (error.Where, error.Problem));
    }

    [Theory]
    [InlineData("%YAML 1.2\n---\n", 1)]   // the document starts with its directive
    [InlineData("%YAML 1.2\n---\u0085", 1)]   // YamlDotNet ends a line at U+0085 (NEL); an editor may not
    [InlineData("\n\n~\n", 3)]
    public async Task An_empty_document_is_shown_where_it_starts(string yaml, int line)
    {
        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal((new SourceLocation(DisplayedSong, line, 1), "the document is empty"), (error.Where, error.Problem));
    }

    [Fact]
    public async Task A_ramp_that_would_end_past_the_last_bar_there_can_be_is_an_error()
    {
        string yaml = FuzzCorpus.Files[Song]
            .Replace("bars: 64\n", "", StringComparison.Ordinal)
            .Replace("{ bar: 41, tempo: 128, ramp_to: 140, ramp_bars: 4 }", "{ bar: 2147483647, tempo: 128, ramp_to: 140, ramp_bars: 4 }", StringComparison.Ordinal);

        LoadResult<SongDefinition> result = await Load(yaml);

        ShowError error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation(DisplayedSong, 7, 61), error.Where);
        Assert.Contains("2147483647", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stick_with_an_alias_bomb_and_an_oversized_setlist_is_refused_with_both_named()
    {
        Stick stick = Stick.Sound.Value.Copy();
        stick.Files[$"{Stick.ShowFolder}/{Song}"] = Encoding.UTF8.GetBytes(Ladder() + "? *lol8\n: boom\n" + FuzzCorpus.Files[Song]);
        stick.Files[$"{Stick.ShowFolder}/setlists/friday.yaml"] = Encoding.UTF8.GetBytes(FuzzCorpus.Files["setlists/friday.yaml"] + "# " + new string('x', 1 << 20));
        using var folder = new StickFolder();
        folder.Hold(stick);

        Measured<ImportPlan> plan = await CaseRunner.Run(() => ImportValidator.Validate(folder.Root, FuzzCorpus.Outputs), () => "the bombed stick");

        output.WriteLine($"{plan.Elapsed.TotalMilliseconds:F0} ms, {plan.AllocatedBytes / 1024} KiB allocated; {string.Join("; ", plan.Value.Errors)}");
        LoadChecks.Plan(plan.Value, FuzzCorpus.Outputs, () => "the bombed stick");
        Assert.Equal(
            [(new SourceLocation("setlists/friday.yaml"), "the file is larger than 1024 KiB"), (new SourceLocation(Song, 10, 3), "a field name here is an alias, not a plain word")],
            plan.Value.Errors.Select(e => (e.Where, e.Problem)));
        Assert.InRange(plan.AllocatedBytes, 0, AllocationBound);
    }

    /// <summary>Loads <paramref name="yaml"/> as midnight-drive's song.yaml under the hang detector, checks the result by the
    /// fuzz's rules, and prints and bounds what it cost.</summary>
    private async Task<LoadResult<SongDefinition>> Load(string yaml, long allocationBound = AllocationBound)
    {
        _show.Text(Song, yaml);
        string songFolder = _show.PathOf("songs/midnight-drive");
        string describe() => $"the file:\n{(yaml.Length > 2_000 ? yaml[..2_000] + "..." : yaml)}";
        Measured<LoadResult<SongDefinition>> load = await CaseRunner.Run(() => ShowLoader.LoadSong(songFolder, FuzzCorpus.Outputs), describe);
        output.WriteLine($"{load.Elapsed.TotalMilliseconds:F0} ms, {load.AllocatedBytes / 1024} KiB allocated, {load.Value.Errors.Count} errors; first: {load.Value.Errors.FirstOrDefault()}");
        LoadChecks.Result(load.Value.Value, load.Value.Errors, _show.PathOf("songs"), describe);
        if (load.Value.Value is { } song) LoadChecks.Song(song, FuzzCorpus.Outputs, describe);
        Assert.InRange(load.AllocatedBytes, 0, allocationBound);
        return load.Value;
    }
}
