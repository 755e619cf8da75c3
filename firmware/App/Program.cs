using System.CommandLine;
using StageBox.App.Commands;
using StageBox.App.Configuration;

var config = new Option<string?>("--config") { Description = $"device configuration file (default: {BoxConfiguration.DefaultPath} when present)", Recursive = true };
var root = new RootCommand("StageBox: stage playback of click and stems")
{
    config,
    RunCommand.Create(config),
    RenderCommand.Create(config),
    ValidateCommand.Create(config),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ConfigurationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
