using StageBox.Hal.Files;

namespace StageBox.Show.Library;

/// <summary>
/// The installed show as generations, switched atomically. A generation is written whole into
/// staging, synced, moved into generations/, synced again, and only then named in CURRENT,
/// which is replaced by rename: a power cut or a kill -9 at any instant leaves CURRENT naming
/// either the old generation or the new one, each complete. The one before stays for a rollback.
/// </summary>
public sealed class ShowLibrary(string root)
{
    public LibraryLayout Layout { get; } = new(root);

    /// <summary>Where each import's report is kept, on the library's own disk (never on the stick).</summary>
    public ImportReportShelf Reports => new(Layout.ReportsFolder);

    /// <summary>What CURRENT says; null while nothing is installed.</summary>
    public GenerationPointer? Pointer => GenerationPointer.Read(Layout.PointerFile);

    /// <summary>The installed generation's folder; null while nothing is installed.</summary>
    public string? CurrentFolder => Pointer is { } pointer ? Layout.Generation(pointer.Current) : null;

    /// <summary>
    /// Holds the library for one import (flock through an exclusive open: released by the kernel
    /// even when the importer is killed). Refused while another import holds it.
    /// </summary>
    public IDisposable LockForImport()
    {
        Directory.CreateDirectory(Layout.Root);
        try
        {
            return new FileStream(Layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new LibraryException($"{Layout.Root}: another import is running; wait for it to finish");
        }
    }

    /// <summary>A new, empty folder in staging for an import to fill.</summary>
    public string NewStagingFolder()
    {
        string folder = Path.Join(Layout.StagingFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Installs a staged generation (already synced, manifest included) and keeps the one it
    /// replaces as the previous. <paramref name="reached"/> hears each step as it completes.
    /// </summary>
    public string Commit(string stagedFolder, Action<string>? reached = null)
    {
        GenerationPointer? old = Pointer;
        Directory.CreateDirectory(Layout.GenerationsFolder);
        string name = LibraryLayout.GenerationName(NextGenerationNumber());
        Directory.Move(stagedFolder, Layout.Generation(name));
        Durable.Sync(Layout.GenerationsFolder);
        Durable.Sync(Path.GetDirectoryName(stagedFolder)!);
        reached?.Invoke("generation-moved");
        Durable.ReplaceAtomically(Layout.PointerFile, new GenerationPointer(name, old?.Current).Bytes);
        reached?.Invoke("pointer-replaced");
        RemoveUnreferenced();
        reached?.Invoke("pruned");
        return name;
    }

    /// <summary>Makes the previous generation current again, and the current one the previous, so the rollback itself can be undone.</summary>
    public GenerationPointer RollBack()
    {
        GenerationPointer pointer = Pointer ?? throw new LibraryException($"{Layout.Root}: nothing is installed, so there is nothing to roll back");
        if (pointer.Previous is null || !Directory.Exists(Layout.Generation(pointer.Previous)))
            throw new LibraryException($"{Layout.Root}: {pointer.Current} is the only generation; there is none before it to roll back to");
        var rolledBack = new GenerationPointer(pointer.Previous, pointer.Current);
        Durable.ReplaceAtomically(Layout.PointerFile, rolledBack.Bytes);
        return rolledBack;
    }

    /// <summary>
    /// Deletes what CURRENT does not name: leftovers of imports that were killed or failed, and
    /// generations older than the previous. Call it only while holding <see cref="LockForImport"/>.
    /// </summary>
    public IReadOnlyList<string> RemoveUnreferenced()
    {
        GenerationPointer? pointer = Pointer;
        var removed = new List<string>();
        if (Directory.Exists(Layout.StagingFolder))
            foreach (string folder in Directory.EnumerateDirectories(Layout.StagingFolder))
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
        if (Directory.Exists(Layout.GenerationsFolder))
            foreach (string folder in Directory.EnumerateDirectories(Layout.GenerationsFolder))
            {
                string name = Path.GetFileName(folder);
                if (name == pointer?.Current || name == pointer?.Previous) continue;
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
        return removed;
    }

    /// <summary>
    /// Reads every file of a generation back and compares it with its manifest; returns what does
    /// not match (nothing: the generation is exactly what the import wrote).
    /// </summary>
    public IReadOnlyList<string> Verify(string generationName)
    {
        string folder = Layout.Generation(generationName);
        string manifestPath = Path.Join(folder, LibraryLayout.ManifestFileName);
        if (!File.Exists(manifestPath)) return [$"{generationName}: has no {LibraryLayout.ManifestFileName}"];
        GenerationManifest manifest = GenerationManifest.Read(manifestPath);
        var problems = new List<string>();
        foreach (ManifestFile file in manifest.Files)
        {
            string path = Path.Join(folder, file.Path);
            if (!File.Exists(path)) problems.Add($"{generationName}/{file.Path}: missing");
            else if (new FileInfo(path).Length != file.Bytes) problems.Add($"{generationName}/{file.Path}: {new FileInfo(path).Length} bytes, the manifest says {file.Bytes}");
            else if (FileChecksum.Of(path) != file.Sha256) problems.Add($"{generationName}/{file.Path}: its content differs from the manifest's checksum");
        }
        return problems;
    }

    public GenerationManifest Manifest(string generationName) =>
        GenerationManifest.Read(Path.Join(Layout.Generation(generationName), LibraryLayout.ManifestFileName));

    private int NextGenerationNumber() =>
        Directory.EnumerateDirectories(Layout.GenerationsFolder)
            .Select(folder => LibraryLayout.GenerationNumber(Path.GetFileName(folder)) ?? 0)
            .Append(Pointer is { } pointer ? LibraryLayout.GenerationNumber(pointer.Current) ?? 0 : 0)
            .Max() + 1;
}
