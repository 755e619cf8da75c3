using StageBox.Show.Model;

namespace StageBox.Show.Library;

/// <summary>The show the library has installed, loaded for playback at the device's rate.</summary>
public static class InstalledShow
{
    public static LoadResult<ShowDefinition> Load(ShowLibrary library, int deviceRate, int outputChannels)
    {
        GenerationPointer? pointer = library.Pointer;
        if (pointer is null)
            return Failed(library.Layout.Root, "no show is installed in the library", "import one: stagebox import FOLDER, or plug in a USB stick with a StageBox folder");
        string folder = library.Layout.Generation(pointer.Current);
        if (!Directory.Exists(folder))
            return Failed(library.Layout.PointerFile, $"names generation {pointer.Current}, which is missing", "roll back with stagebox library rollback, or import the show again");
        GenerationManifest manifest = library.Manifest(pointer.Current);
        if (manifest.SampleRate != deviceRate)
            return Failed(Path.Join(folder, LibraryLayout.ManifestFileName),
                $"the installed show's audio is at {manifest.SampleRate} Hz but the device runs at {deviceRate} Hz",
                "import the show again: the import converts it to the configured rate");
        return ShowLoader.LoadShow(folder, outputChannels);
    }

    private static LoadResult<ShowDefinition> Failed(string where, string problem, string fix) =>
        new(null, [new ShowError(new SourceLocation(where), problem, fix)]);
}
