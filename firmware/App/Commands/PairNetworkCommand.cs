using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Redundancy;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox pair-network</c>: at boot, before systemd-networkd, writes the pair link's network
/// file from the box's configuration (/etc's and the data partition's, as <c>stagebox run</c>
/// reads them), or removes it from a box that gets no pair address (deploy/README.md, "The pair link").
/// </summary>
internal static class PairNetworkCommand
{
    public const string DefaultOutput = "/run/systemd/network/10-stagebox-pair.network";

    public static Command Create(Option<string?> configOption)
    {
        var output = new Option<string>("--output") { Description = "the systemd-networkd file to write", DefaultValueFactory = _ => DefaultOutput };
        var command = new Command("pair-network", "Write the pair link's systemd-networkd file (its address on the wired port) from the configuration") { output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output)!, configPath = parse.GetValue(configOption) ?? "";
            if (File.Exists(path)) File.Delete(path);   // /run/systemd/network may not exist yet at boot
            BoxConfiguration configuration = ConfigurationLoader.Load(configPath.Length > 0 ? configPath : null);
            string source = configPath.Length > 0 ? configPath : $"{BoxConfiguration.DefaultPath} and {BoxConfiguration.BoxPath}";
            string? network = PairLinkNetwork.For(configuration.Redundancy, source, out string outcome);
            Console.WriteLine($"pair link: {outcome}");
            if (network is null) return 0;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path + ".tmp", network);
            File.Move(path + ".tmp", path, overwrite: true);
            return 0;
        });
        return command;
    }
}
