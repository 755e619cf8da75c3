using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Show.Sticks;

namespace StageBox.App.Commands;

/// <summary>The --media-root option of the commands that watch for USB sticks.</summary>
internal static class MediaRootOption
{
    public static Option<string?> Create() =>
        new("--media-root") { Description = $"where removable drives are mounted (default: show.media_root in the configuration, {StickDetector.DefaultMediaRoot})" };

    public static StickDetector Detector(ParseResult parse, Option<string?> option, BoxConfiguration configuration) =>
        new(parse.GetValue(option) ?? configuration.Show.MediaRoot);
}
