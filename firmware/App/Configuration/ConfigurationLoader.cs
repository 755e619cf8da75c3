using StageBox.Hal;
using StageBox.Show.Model;

namespace StageBox.App.Configuration;

/// <summary>
/// Reads and checks the box's configuration; every problem comes back at once, each as
/// "file:line:column: error: ..." at the field in the file that sets it. Precedence, strongest
/// first: <c>--config FILE</c> (that file alone, over the built-in defaults); else the box's own file on the data partition
/// (<see cref="BoxConfiguration.BoxPath"/>), field by field over /etc's
/// (<see cref="BoxConfiguration.DefaultPath"/>), over the built-in defaults. A bad box file does not
/// stop the box: the problem is logged and the box runs on /etc's file as if the box file were absent.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Loads <paramref name="path"/>, or the box's files (/etc's, then the data partition's) when no path is given.</summary>
    public static BoxConfiguration Load(string? path) => Load(path, ConfigurationFiles.OnTheBox, Console.Error);

    /// <param name="log">Where a box file that is not used says why.</param>
    public static BoxConfiguration Load(string? path, ConfigurationFiles files, TextWriter log)
    {
        if (path is not null)
        {
            if (!File.Exists(path)) throw new ConfigurationException($"{path}: error: the configuration file does not exist");
            return Checked(ConfigurationFile.Read(path));
        }
        ConfigurationFile? defaults = File.Exists(files.Defaults) ? ConfigurationFile.Read(files.Defaults) : null;
        BoxConfiguration basis = defaults is null ? new BoxConfiguration() : Checked(defaults);
        if (!File.Exists(files.Box)) return basis;
        try
        {
            ConfigurationFile box = ConfigurationFile.Read(files.Box);
            // /etc's file passed alone, so what fails now is the box file's doing: named there, or at /etc's line it left standing.
            return defaults is null ? Checked(box) : Checked(defaults, box);
        }
        catch (Exception e) when (e is ConfigurationException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine(e is ConfigurationException ? e.Message : $"{files.Box}: error: cannot be read ({e.Message})");
            log.WriteLine($"configuration: {files.Box} is not used until it is fixed; the box runs on {(defaults is null ? "the built-in defaults" : files.Defaults)}");
            return basis;
        }
    }

    /// <summary>
    /// Reads <paramref name="files"/> in turn over the built-in defaults, each field by field over those
    /// before it, then checks the values. Every problem comes at once, in file and line order: each at
    /// its field in the file that sets it last, or at the last file when no file sets it.
    /// </summary>
    private static BoxConfiguration Checked(params ConfigurationFile[] files)
    {
        var errors = new List<ShowError>();
        var binder = new ConfigurationBinder(errors);
        foreach (ConfigurationFile file in files) binder.Read(file);
        foreach (SettingProblem problem in ConfigurationChecks.Of(binder.Configuration))
            errors.Add(new ShowError(binder.PlaceOf(problem.Fields) ?? new SourceLocation(files[^1].Path), problem.Problem));
        if (errors.Count == 0) return binder.Configuration;
        IEnumerable<ShowError> inOrder = errors
            .OrderBy(e => Array.FindIndex(files, f => f.Path == e.Where.File))
            .ThenBy(e => e.Where.Line == 0 ? int.MaxValue : e.Where.Line)
            .ThenBy(e => e.Where.Column);
        throw new ConfigurationException(string.Join(Environment.NewLine, inOrder));
    }
}

public sealed class ConfigurationException(string message) : UserFacingException(message);
