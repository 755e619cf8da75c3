using System.Diagnostics;

namespace StageBox.Tests.App;

/// <summary>Runs the real stagebox program (the App build next to the tests) as a separate process.</summary>
internal static class StageBoxProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Result Run(string workingDirectory, params string[] arguments) => RunUnder([], workingDirectory, arguments);

    /// <summary>Runs stagebox under <paramref name="wrapper"/> (a program and its arguments that run the rest, as setpriv or prlimit do).</summary>
    public static Result RunUnder(string[] wrapper, string workingDirectory, params string[] arguments)
    {
        using Process process = Process.Start(StartInfo(workingDirectory, arguments, wrapper))!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"stagebox {string.Join(' ', arguments)} did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>Starts stagebox and returns while it runs, for a test that follows its output line by line.</summary>
    public static RunningStageBox Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <param name="environment">Variables set for the process besides the test's own.</param>
    public static RunningStageBox Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ProcessStartInfo start = StartInfo(workingDirectory, arguments);
        foreach ((string name, string value) in environment) start.Environment[name] = value;
        return new(Process.Start(start)!);
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] arguments, string[]? wrapper = null)
    {
        wrapper ??= [];
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in wrapper.Skip(1)) start.ArgumentList.Add(argument);
        if (wrapper.Length > 0) start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stagebox.dll"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, "data");
        return start;
    }
}
