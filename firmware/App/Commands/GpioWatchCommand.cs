using System.CommandLine;
using StageBox.Hal.Gpio;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox gpio-watch</c> (hidden): opens input lines the way footswitches are wired (pull-up, switch to
/// ground, so active-low) and prints each edge the kernel reports. For bring-up on a new board and for the rig.
/// </summary>
internal static class GpioWatchCommand
{
    public static Command Create()
    {
        var chip = new Option<string>("--chip") { Description = "the GPIO chip's label", Required = true };
        var lines = new Option<string>("--lines") { Description = "comma-separated line offsets", Required = true };
        var events = new Option<int>("--events") { Description = "exit after this many edges", DefaultValueFactory = _ => 1 };
        var debounce = new Option<int>("--debounce-us") { Description = "kernel debounce period in microseconds (0: none)" };
        var command = new Command("gpio-watch", "Print the edges on GPIO input lines (pull-up, active-low)") { chip, lines, events, debounce };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            int debounceMicroseconds = parse.GetValue(debounce);
            GpioInput[] inputs = parse.GetValue(lines)!.Split(',')
                .Select(offset => new GpioInput(int.Parse(offset), GpioBias.PullUp, ActiveLow: true, debounceMicroseconds))
                .ToArray();
            using GpioChip gpioChip = GpioChip.OpenByLabel(parse.GetValue(chip)!);
            using var watched = new GpioInputLines(gpioChip, inputs);
            string idle = string.Join(",", watched.ReadValues().Select(active => active ? 1 : 0));
            Console.WriteLine($"READY chip={gpioChip.Name} label={gpioChip.Label} lines={gpioChip.LineCount} values={idle}");

            Span<GpioEdge> edges = stackalloc GpioEdge[16];
            for (int remaining = parse.GetValue(events); remaining > 0;)
            {
                int count = watched.ReadEvents(edges[..Math.Min(remaining, edges.Length)], timeoutMs: -1);
                foreach (GpioEdge edge in edges[..count])
                    Console.WriteLine($"EDGE line={edge.Line} {(edge.Rising ? "rising" : "falling")} ts={edge.TimestampNanoseconds} seq={edge.Sequence} line_seq={edge.LineSequence}");
                remaining -= count;
            }
            return 0;
        });
        return command;
    }
}
