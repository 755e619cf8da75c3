using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Show.Init;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox init DIR</c>: a starting song.yaml for each folder of stems (a DAW export) that
/// has none, and a setlist for a show without one. Exit 1 when no folder ends up with a song.yaml.
/// </summary>
internal static class InitCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var folder = new Argument<string>("DIR") { Description = "a folder of stems (a DAW export), a folder of such folders, or a show folder" };
        var command = new Command("init", "Write a starting song.yaml for each folder of stems, and a setlist for a show without one") { folder };
        command.SetAction(parse =>
        {
            BoxConfiguration configuration = ConfigurationLoader.Load(parse.GetValue(configOption));
            try
            {
                InitReport report = ShowInitializer.Run(parse.GetValue(folder)!, configuration.Audio.Channels);
                new InitReportText(report, Console.Out).Write();
                return report.AnySong ? 0 : 1;
            }
            catch (InitException e)
            {
                Console.Error.WriteLine($"stagebox init: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
