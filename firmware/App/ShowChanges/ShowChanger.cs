using StageBox.Engine.Transport;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Playback;

namespace StageBox.App.ShowChanges;

/// <summary>
/// Changes the show the running box plays to the one the library has just installed, whatever
/// installed it (a stick's import now; an upload later): prepares it, offers it to the engine,
/// which takes it over while stopped or where the song playing ends, notices when it has, and
/// puts the library back on its previous generation when this box cannot play the new one, so
/// the next start finds a show it can load.
/// </summary>
/// <remarks>
/// Threads: <see cref="Offer"/> runs on the thread that installed the show, <see cref="Observe"/>
/// on the session's; the offered show crosses in one volatile reference, published only after the
/// caller has announced it, so whatever the take-over does to that announcement comes after it.
/// </remarks>
internal sealed class ShowChanger(ShowLibrary library, string wantedSetlist, PlaybackEngine engine, StemStreams streams, TextWriter log)
{
    private volatile OfferedShow? _offered;

    /// <summary>A show offered to the engine and not yet taken over, with what to do once it is.</summary>
    private sealed record OfferedShow(SetlistChange Change, string Generation, Action TakenOver);

    /// <summary>
    /// Offers <paramref name="generation"/>, just installed, to the engine; null when offered, else
    /// why this box cannot play it and what became of the library.
    /// </summary>
    /// <param name="announce">Says the show waits, before it is watched for: true when the engine is stopped and takes it over at once.</param>
    /// <param name="takenOver">Runs on the <see cref="Observe"/> thread once the engine plays the show.</param>
    public string? Offer(string generation, Action<bool> announce, Action takenOver)
    {
        LoadResult<IReadOnlyList<SetlistSlot>> prepared = InstalledSetlist.Prepare(library, wantedSetlist, engine.Format, streams);
        if (!prepared.Succeeded) return $"the box cannot play it: {prepared.Errors[0]}; {RollBack(generation)}";
        SetlistChange change;
        try
        {
            change = engine.OfferSetlist(prepared.Value);
        }
        catch (ArgumentException e)
        {
            return $"the box cannot play it: {e.Message}; {RollBack(generation)}";
        }
        announce(engine.Position.Read().State == TransportState.Stopped);
        _offered = new OfferedShow(change, generation, takenOver);
        return null;
    }

    /// <summary>Called with each position the session reads: notices the engine taking over the offered show.</summary>
    public void Observe(PlaybackPosition position)
    {
        if (_offered is not OfferedShow offered || !ReferenceEquals(position.Setlist, offered.Change.To)) return;
        _offered = null;
        log.WriteLine($"show: now playing generation {offered.Generation} from the library ({offered.Change.To.Length} songs in the setlist)");
        offered.TakenOver();
    }

    /// <summary>Puts the library back on the generation before <paramref name="unplayable"/>; says what it did.</summary>
    private string RollBack(string unplayable)
    {
        try
        {
            using IDisposable importLock = library.LockForImport();
            if (library.Pointer?.Current != unplayable) return $"the library has moved on from {unplayable} meanwhile and is left as it is";
            return $"the library is back on {library.RollBack().Current}";
        }
        catch (Exception e) when (e is LibraryException or IOException)
        {
            return $"{unplayable} stays installed, as it could not be rolled back: {e.Message}";
        }
    }
}
