using System.CommandLine;
using StageBox.App.Demo;

namespace StageBox.App.Commands;

/// <summary><c>stagebox demo DIR</c>: writes the built-in demo show (synthesized stems, three songs, a setlist).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "folder to write the show into (created)" };
        var command = new Command("demo", "Write the built-in demo show into a folder") { folder };
        command.SetAction(parse =>
        {
            string path = Path.GetFullPath(parse.GetValue(folder)!);
            DemoShow.Write(path);
            Console.WriteLine($"{path}: demo show written (setlist '{DemoShow.SetlistName}')");
            return 0;
        });
        return command;
    }
}
