using System.Diagnostics;
using System.Security.Cryptography;
using StageBox.Media.AudioFiles;
using StageBox.Hal.Files;
using StageBox.Show.Library;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>
/// Installs a show from a folder or a stick as a new library generation: validate everything,
/// convert into staging, sync, read back against the checksums, validate the staged copy
/// itself (the stick may have changed under us), then commit. Staging (<see cref="Stage"/>)
/// writes only inside its staging area, so the box runs it in a sandboxed process of its own. Whatever goes wrong, or wherever
/// the process is killed, the installed show stays the one that was there.
/// </summary>
public sealed class ShowImporter(ShowLibrary library, int sampleRate, int outputChannels)
{
    /// <summary>Room left free on the library's disk beyond the show itself, for logs and the system.</summary>
    public const long ReserveBytes = 64L << 20;

    /// <summary>Hears each step as it completes (converted, synced, verified, then the commit's own); for logs and fault tests.</summary>
    public Action<string>? StepReached { get; init; }

    /// <summary>
    /// Validates, stages and commits in this process. The box's importer stages in a sandboxed
    /// process of its own instead, through <paramref name="stage"/>, and only commits here.
    /// </summary>
    public ImportResult Import(string folder, IProgress<ImportProgress>? progress = null, Func<string, string, StagedImport>? stage = null)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report(new ImportProgress(ImportStage.Checking, 0));
        try
        {
            using IDisposable importLock = library.LockForImport();
            library.RemoveUnreferenced();
            string area = library.NewStagingFolder();
            try
            {
                StagedImport staged = stage is null ? Stage(folder, area, progress) : stage(folder, area);
                if (!staged.Staged) return Result(staged, null, clock);
                progress?.Report(new ImportProgress(ImportStage.Committing, 0.98));
                string generation = library.Commit(StagedShow(area), StepReached);
                progress?.Report(new ImportProgress(ImportStage.Done, 1));
                return Result(staged, generation, clock);
            }
            finally
            {
                if (Directory.Exists(area)) Directory.Delete(area, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibraryException or InvalidOperationException)
        {
            return Result(StagedImport.Failed(folder, Problem(library.Layout.Root, e.Message, "nothing was changed; check the stick and the box's free space, then import again")), null, clock);
        }
    }

    /// <summary>
    /// Everything up to the commit, writing only inside <paramref name="area"/> (a fresh, empty
    /// staging folder): validate the stick, check the room, convert into the area, sync,
    /// read back, load the staged copy, write the manifest. Touches nothing else of the library,
    /// so it can run sandboxed with write access to the area alone.
    /// </summary>
    public StagedImport Stage(string folder, string area, IProgress<ImportProgress>? progress = null)
    {
        progress?.Report(new ImportProgress(ImportStage.Checking, 0));
        ImportPlan plan = ImportValidator.Validate(folder, outputChannels);
        if (!plan.CanImport) return Outcome(plan, plan.Errors);
        try
        {
            long needed = plan.LibraryBytes(sampleRate) + ReserveBytes, free = new DriveInfo(area).AvailableFreeSpace;
            if (needed > free)
                return Outcome(plan, [Problem(library.Layout.Root, $"the show needs {needed >> 20} MiB in the library but only {free >> 20} MiB are free", "remove songs from the show, or free space on the box")]);
            Install(plan, area, progress);
            return Outcome(plan, []);
        }
        catch (StagingException e)
        {
            return Outcome(plan, e.Problems);
        }
        catch (AudioFileException e)
        {
            string where = Path.GetRelativePath(plan.SourceFolder, e.Path).Replace(Path.DirectorySeparatorChar, '/');
            return Outcome(plan, [Problem(where, e.Problem, "check the file on a computer, and leave the stick in until the import is done")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Outcome(plan, [Problem(library.Layout.Root, e.Message, "nothing was changed; check the stick and the box's free space, then import again")]);
        }
    }

    /// <summary>The staged show, checked to be a real folder with a manifest before it is committed.</summary>
    private static string StagedShow(string area) =>
        FileEntry.Of(area).Kind == FileKind.Directory && FileEntry.Of(Path.Join(area, LibraryLayout.ManifestFileName)).Kind == FileKind.Regular
            ? area
            : throw new InvalidOperationException($"{area}: the staged show is incomplete");

    private void Install(ImportPlan plan, string staging, IProgress<ImportProgress>? progress)
    {
        var files = new List<ManifestFile>();
        var converted = new List<ConvertedAudio>();
        progress?.Report(new ImportProgress(ImportStage.Converting, ConvertingFraction(0, plan)));
        foreach (string text in plan.TextFiles) files.Add(CopyText(plan.SourceFolder, staging, text));
        long framesDone = 0;
        foreach (PlannedAudio audio in plan.Audio)
        {
            progress?.Report(new ImportProgress(ImportStage.Converting, ConvertingFraction(framesDone, plan), audio.RelativePath));
            string destination = StagedPath(staging, audio.RelativePath);
            converted.Add(StemConverter.Convert(Path.Join(plan.SourceFolder, audio.RelativePath), destination, sampleRate, frames =>
            {
                framesDone += frames;
                progress?.Report(new ImportProgress(ImportStage.Converting, ConvertingFraction(framesDone, plan), audio.RelativePath));
            }));
        }
        StepReached?.Invoke("converted");
        progress?.Report(new ImportProgress(ImportStage.Verifying, 0.9));
        SyncTree(staging);
        StepReached?.Invoke("synced");
        foreach (ConvertedAudio audio in converted) files.Add(ReadBack(staging, audio));
        foreach (ManifestFile text in files.Take(plan.TextFiles.Count)) ReadBack(staging, text);
        CheckStagedShow(staging);
        var manifest = new GenerationManifest(GenerationManifest.CurrentFormat, sampleRate, DateTimeOffset.UtcNow, plan.SourceFolder, files);
        File.WriteAllBytes(Path.Join(staging, LibraryLayout.ManifestFileName), manifest.ToJson());
        Durable.Sync(Path.Join(staging, LibraryLayout.ManifestFileName));
        Durable.Sync(staging);
        StepReached?.Invoke("verified");
    }

    /// <summary>Copies a YAML file byte for byte, as the user wrote it, comments and all.</summary>
    private static ManifestFile CopyText(string source, string staging, string relativePath)
    {
        byte[] bytes = File.ReadAllBytes(Path.Join(source, relativePath));
        File.WriteAllBytes(StagedPath(staging, relativePath), bytes);
        return new ManifestFile(relativePath, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string StagedPath(string staging, string relativePath)
    {
        string path = Path.Join(staging, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Reads a converted file back from the disk: its samples must hash as they did when written.</summary>
    private static ManifestFile ReadBack(string staging, ConvertedAudio audio)
    {
        using FileStream file = File.OpenRead(audio.Path);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var data = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[1 << 16];
        long position = 0;
        for (int got; (got = file.Read(block)) > 0; position += got)
        {
            whole.AppendData(block, 0, got);
            int header = (int)Math.Clamp(audio.HeaderBytes - position, 0, got);
            data.AppendData(block, header, got - header);
        }
        string relativePath = Path.GetRelativePath(staging, audio.Path).Replace(Path.DirectorySeparatorChar, '/');
        if (Convert.ToHexStringLower(data.GetHashAndReset()) != audio.DataSha256)
            throw new StagingException([Problem(audio.Path, $"{relativePath} read back from the library differs from what was written", "the box's storage may be failing; nothing was installed")]);
        return new ManifestFile(relativePath, position, Convert.ToHexStringLower(whole.GetHashAndReset()));
    }

    private static void ReadBack(string staging, ManifestFile text)
    {
        if (FileChecksum.Of(Path.Join(staging, text.Path)) != text.Sha256)
            throw new StagingException([Problem(text.Path, "read back from the library differs from what was written", "the box's storage may be failing; nothing was installed")]);
    }

    /// <summary>The staged copy is what will play: it must load on its own, whatever happened on the stick meanwhile.</summary>
    private void CheckStagedShow(string staging)
    {
        LoadResult<ShowDefinition> staged = ShowLoader.LoadShow(staging, outputChannels);
        if (!staged.Succeeded)
            throw new StagingException(staged.Errors.Select(e => e with { Problem = $"the stick changed while it was imported: {e.Problem}" }).ToArray());
    }

    /// <summary>Every file, then every folder deepest first, so each rename and creation is on the disk before the commit names them.</summary>
    private static void SyncTree(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) Durable.Sync(file);
        foreach (string sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length)) Durable.Sync(sub);
        Durable.Sync(folder);
    }

    private static double ConvertingFraction(long framesDone, ImportPlan plan) => 0.05 + 0.85 * framesDone / Math.Max(plan.SourceFrames, 1);

    private static double SongSeconds(ImportPlan plan) =>
        plan.Show!.Songs.Keys.Sum(id => plan.Audio.Where(a => a.RelativePath.StartsWith($"{ShowLayout.SongsFolder}/{id}/", StringComparison.Ordinal))
            .Select(a => a.Info.Duration.TotalSeconds).DefaultIfEmpty(0).Max());

    private static StagedImport Outcome(ImportPlan plan, IReadOnlyList<ShowError> errors) =>
        new(plan.SourceFolder, errors, plan.Skipped, plan.Notes, errors.Count == 0 ? plan.Show!.Songs.Count : 0, errors.Count == 0 ? SongSeconds(plan) : 0);

    private static ImportResult Result(StagedImport staged, string? generation, Stopwatch clock) =>
        new(staged.Source, generation, staged.Errors, staged.Skipped, generation is null ? 0 : staged.Songs, generation is null ? 0 : staged.SongSeconds, clock.Elapsed) { Notes = staged.Notes };

    private static ShowError Problem(string where, string problem, string fix) => new(new SourceLocation(where), problem, fix);

    /// <summary>Problems found after staging began; the staging folder is removed on the way out.</summary>
    private sealed class StagingException(IReadOnlyList<ShowError> problems) : Exception(problems[0].ToString())
    {
        public IReadOnlyList<ShowError> Problems { get; } = problems;
    }
}
