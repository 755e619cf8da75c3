using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Show;
using StageBox.Show.Model;

namespace StageBox.App.Commands;

/// <summary><c>stagebox validate SHOW_DIR</c>: checks a show folder and prints every problem; exit 1 if any.</summary>
internal static class ValidateCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var folder = new Argument<string>("SHOW_DIR") { Description = "a show folder (songs/, setlists/) or a USB stick root with StageBox/" };
        var command = new Command("validate", "Check a show folder and print every problem in it") { folder };
        command.SetAction(parse =>
        {
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            ShowDefinition? show = ShowFiles.LoadOrReport(ShowLoader.LoadShow(parse.GetValue(folder)!, configuration.Audio.Channels), Console.Out);
            if (show is null) return 1;
            Console.WriteLine($"{show.Folder}: OK, {show.Songs.Count} songs, {show.Setlists.Count} setlists ({string.Join(", ", show.Setlists.Keys.Order())})");
            return 0;
        });
        return command;
    }
}
