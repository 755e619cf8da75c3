using StageBox.Show.Model;

namespace StageBox.Show.Init;

/// <summary>
/// Loads what init wrote with the same loader the box uses. A file init wrote that does not
/// load is a bug in init, never the technician's doing: it is removed (a half-right file would
/// be worse than none) and the run stops with every error.
/// </summary>
internal sealed class WrittenFileCheck(GivenFolder given, int outputChannels)
{
    public void Song(string songFolder, string songFile)
    {
        LoadResult<SongDefinition> loaded = ShowLoader.LoadSong(songFolder, outputChannels);
        if (!loaded.Succeeded) Fail(songFile, loaded.Errors);
    }

    /// <summary>The show's problems once init is done; the setlist init wrote must not be among them.</summary>
    public IReadOnlyList<ShowError> Show(string showFolder, SetlistOutcome? setlist)
    {
        LoadResult<ShowDefinition> loaded = ShowLoader.LoadShow(showFolder, outputChannels);
        if (setlist is { Kind: SetlistOutcomeKind.Written } written)
        {
            string shown = Path.GetRelativePath(showFolder, written.Path).Replace(Path.DirectorySeparatorChar, '/');
            ShowError[] own = loaded.Errors.Where(e => e.Where.File == shown).ToArray();
            if (own.Length > 0) Fail(written.Path, own);
        }
        return loaded.Errors;
    }

    private void Fail(string path, IReadOnlyList<ShowError> errors)
    {
        File.Delete(path);
        throw new InitException($"{given.Display(path)} as written by stagebox init does not load, which is a bug in stagebox init; "
            + $"the file was removed. Please report this with the loader's errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
