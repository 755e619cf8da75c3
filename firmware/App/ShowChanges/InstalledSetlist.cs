using StageBox.App.Session;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Media.AudioFiles;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Model;
using StageBox.Show.Playback;

namespace StageBox.App.ShowChanges;

/// <summary>
/// The show the library has just installed, made ready for the running engine: loaded (the
/// library holds only what the import checked and converted), its setlist chosen as at start,
/// and every song prepared at the device rate, its stems streamed from the library through
/// <c>streams</c>. Done on the thread that brought the show (the stick thread), never the audio thread.
/// </summary>
internal static class InstalledSetlist
{
    /// <param name="format">The running engine's: the songs are prepared at its rate, for its outputs.</param>
    public static LoadResult<IReadOnlyList<SetlistSlot>> Prepare(ShowLibrary library, string wantedSetlist, PcmFormat format, StemStreams streams)
    {
        try
        {
            LoadResult<ShowDefinition> loaded = InstalledShow.Load(library, format.SampleRate, format.Channels);
            if (!loaded.Succeeded) return new(null, loaded.Errors);
            if (SetlistChoice.Choose(loaded.Value, wantedSetlist, out ShowError? noSetlist) is not string name) return new(null, [noSetlist!]);
            return new(new SongPreparer(format.SampleRate, streams).PrepareSetlist(loaded.Value, name), []);
        }
        catch (Exception e) when (e is AudioFileException or ArgumentException or IOException or LibraryException)
        {
            return new(null, [new ShowError(new SourceLocation(library.Layout.Root), e.Message, "import the show again")]);
        }
    }
}
