using System.CommandLine;
using StageBox.Hal.Alsa;

namespace StageBox.App.Commands;

/// <summary><c>stagebox devices</c>: the ALSA playback devices, with the channel counts and rates of each card.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the ALSA playback devices with their channel counts and rates");
        command.SetAction(_ =>
        {
            IReadOnlyList<AlsaDevice> devices = AlsaDevices.List();
            if (devices.Count == 0) Console.WriteLine("no ALSA playback devices");
            foreach (AlsaDevice device in devices)
            {
                string capabilities = device switch
                {
                    { Channels: var (minChannels, maxChannels), Rates: var (minRate, maxRate) } => $"{minChannels}-{maxChannels} channels, {minRate}-{maxRate} Hz",
                    { Problem: string problem } => $"cannot be asked: {problem}",
                    _ => "",
                };
                Console.WriteLine($"{device.Name,-28} {capabilities,-36} {device.Description}");
            }
            return 0;
        });
        return command;
    }
}
