using System.Diagnostics;

namespace StageBox.App.StickImport;

/// <summary>Starts this same program again with other arguments, as the box does to import in a process of its own.</summary>
internal static class OwnProgram
{
    /// <summary>
    /// The launcher (build/stagebox) itself; or, when this run is <c>dotnet stagebox.dll</c>
    /// (the tests, a development build), the dotnet host with the same assembly.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running program is unknown");
        var start = new ProcessStartInfo(host);
        // The assembly beside this one's base folder (not Assembly.Location, which a single-file or Native AOT build has not).
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(OwnProgram).Assembly.GetName().Name + ".dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
