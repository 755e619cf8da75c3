using System.CommandLine;
using StageBox.App.Status;

namespace StageBox.App.Commands;

/// <summary><c>stagebox status</c>: what the running box last reported (song, position, audio health).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "the status file the box writes", DefaultValueFactory = _ => StatusFile.DefaultPath };
        var command = new Command("status", "Show the running box's state: song, position, render times, xruns, latency") { file };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"stagebox: no box is running (no status at {path})");
                return 1;
            }
            Console.Write(File.ReadAllText(path));
            return 0;
        });
        return command;
    }
}
