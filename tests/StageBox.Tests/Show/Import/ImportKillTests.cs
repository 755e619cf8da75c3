using System.Diagnostics;
using StageBox.Show.Library;
using StageBox.Tests.Hal;
using Xunit.Abstractions;

namespace StageBox.Tests.Show.Import;

/// <summary>
/// kill -9 of the real importer process, at random moments and at each step of the commit: the
/// library is always exactly the show it held or the show being imported, whole, and it plays.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>A minute of audio per stem: the import takes long enough for random kills to land in every stage of it.</summary>
    private const int LongStemFrames = 60 * ImportSticks.DeviceRate;

    private readonly TempDirectory _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>Two shows that differ in the first song's title.</summary>
    private sealed class TwoShows(int stemFrames) : IDisposable
    {
        public TempShowFolder A { get; } = ImportSticks.TwoSongs("Opener", stemFrames);
        public TempShowFolder B { get; } = ImportSticks.TwoSongs("Opener (new arrangement)", stemFrames);

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }

    private ShowLibrary NewLibrary(string name) => new(_box.File(name));

    /// <summary>Imports to the end as a process; returns the installed generation's content hash and how long it took.</summary>
    private static (string ContentHash, TimeSpan Took) ImportWhole(string stick, ShowLibrary library)
    {
        var clock = Stopwatch.StartNew();
        using var importer = ImporterProcess.Start(stick, library.Layout.Root);
        (int exitCode, string printed) = importer.WaitForExit();
        Assert.True(exitCode == 0, printed);
        return (ExactlyOneWholeShow(library), clock.Elapsed);
    }

    /// <summary>
    /// What a killed import may leave: CURRENT names a generation whose files are exactly its
    /// manifest (none missing, none changed, none extra), and the box plays it. Returns its content hash.
    /// </summary>
    private static string ExactlyOneWholeShow(ShowLibrary library)
    {
        GenerationPointer pointer = Assert.IsType<GenerationPointer>(library.Pointer);
        Assert.Empty(library.Verify(pointer.Current));
        GenerationManifest manifest = library.Manifest(pointer.Current);
        string folder = library.Layout.Generation(pointer.Current);
        IEnumerable<string> present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file))
            .Where(file => file != LibraryLayout.ManifestFileName);
        Assert.Equal(manifest.Files.Select(file => file.Path).Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        Assert.True(ImportSticks.Plays(library), $"{pointer.Current} does not play");
        return manifest.ContentHash;
    }

    private static bool HasLeftovers(ShowLibrary library) =>
        (Directory.Exists(library.Layout.StagingFolder) && Directory.EnumerateFileSystemEntries(library.Layout.StagingFolder).Any())
        || Directory.EnumerateDirectories(library.Layout.GenerationsFolder).Count() > 2;

    [Fact]
    public void Killed_at_60_random_moments_the_library_is_always_exactly_the_old_or_the_new_show_and_plays()
    {
        using var shows = new TwoShows(LongStemFrames);
        string hashA = ImportWhole(shows.A.Root, NewLibrary("reference-a")).ContentHash;
        (string hashB, TimeSpan wholeImport) = ImportWhole(shows.B.Root, NewLibrary("reference-b"));
        Assert.NotEqual(hashA, hashB);

        ShowLibrary library = NewLibrary("library");
        ImportWhole(shows.A.Root, library);
        var random = new Random(20261201);
        int killedBefore = 0, killedAfter = 0, leftLeftovers = 0;
        for (int kill = 0; kill < 60; kill++)
        {
            string installed = ExactlyOneWholeShow(library);
            (string stick, string incoming) = installed == hashA ? (shows.B.Root, hashB) : (shows.A.Root, hashA);
            // From the process's start to a little past a whole import: start-up, validation,
            // conversion, fsync, the commit and its pruning all get their share of kills.
            TimeSpan delay = wholeImport * (random.NextDouble() * 1.1);
            using (var importer = ImporterProcess.Start(stick, library.Layout.Root))
            {
                importer.EndsWithin(delay);
                importer.Kill();
            }
            leftLeftovers += HasLeftovers(library) ? 1 : 0;
            string after = ExactlyOneWholeShow(library);
            Assert.True(after == installed || after == incoming, $"kill {kill} after {delay.TotalMilliseconds:0} ms: the library holds neither show");
            if (after == installed) killedBefore++; else killedAfter++;
        }
        output.WriteLine($"a whole import took {wholeImport.TotalMilliseconds:0} ms; of 60 kills, {killedBefore} left the old show, "
            + $"{killedAfter} the new one; {leftLeftovers} left staging or an uncommitted generation behind");
        Assert.True(leftLeftovers > 0, "no kill landed while the import was writing: the kill points missed the import");

        // The next import clears what the kills left and installs its show.
        string final = ExactlyOneWholeShow(library) == hashA ? shows.B.Root : shows.A.Root;
        ImportWhole(final, library);
        Assert.False(HasLeftovers(library));
    }

    public static TheoryData<string, bool> CommitSteps => new()
    {
        // step the importer stops at, and whether the new show is installed by then
        { "converted", false },
        { "synced", false },
        { "verified", false },
        { "generation-moved", false },
        { "pointer-replaced", true },
        { "pruned", true },
    };

    [Theory]
    [MemberData(nameof(CommitSteps))]
    public void Killed_at_a_step_of_the_import_the_library_is_the_old_show_until_the_pointer_is_replaced(string step, bool newShowInstalled)
    {
        using var shows = new TwoShows(ImportSticks.DeviceRate);
        string hashB = ImportWhole(shows.B.Root, NewLibrary("reference-b")).ContentHash;
        ShowLibrary library = NewLibrary("library");
        string hashA = ImportWhole(shows.A.Root, library).ContentHash;

        using (var importer = ImporterProcess.Start(shows.B.Root, library.Layout.Root, pauseAt: step))
        {
            Assert.True(importer.WaitUntilStopped(TimeSpan.FromMinutes(2)), $"the importer ended before reaching '{step}'");
            importer.Kill();
        }

        Assert.Equal(newShowInstalled ? hashB : hashA, ExactlyOneWholeShow(library));
        // And the next import, of the show that was cut off, completes over whatever the kill left.
        if (!newShowInstalled) Assert.Equal(hashB, ImportWhole(shows.B.Root, library).ContentHash);
        Assert.False(HasLeftovers(library));
    }
}
