using System.CommandLine;
using StageBox.App.Commands;
using StageBox.App.Configuration;

var config = new Option<string?>("--config") { Description = $"device configuration file (default: {BoxConfiguration.DefaultPath} when present)", Recursive = true };
var root = new RootCommand("StageBox: stage playback of click and stems")
{
    config,
    RunCommand.Create(config),
    RenderCommand.Create(config),
    ScreenshotCommand.Create(config),
    ValidateCommand.Create(config),
    ImportCommand.Create(config),
    StageImportCommand.Create(),
    LibraryCommand.Create(config),
    InitCommand.Create(config),
    DevicesCommand.Create(),
    DemoCommand.Create(),
    StatusCommand.Create(),
    GpioWatchCommand.Create(),
    WatchSticksCommand.Create(config),
    PairNetworkCommand.Create(config),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (StageBox.UserFacingException e)
{
    Console.Error.WriteLine($"stagebox: {e.Message}");
    return 1;
}
