using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Show.Library;

namespace StageBox.App.Commands;

/// <summary>The --library option the commands that use the show library share.</summary>
internal static class LibraryLocation
{
    public static Option<string?> CreateOption() =>
        new("--library") { Description = "the show library folder (default: show.library in the configuration, /var/lib/stagebox/library)" };

    public static ShowLibrary Open(ParseResult parse, Option<string?> option, BoxConfiguration configuration) =>
        new(parse.GetValue(option) ?? configuration.Show.Library);
}
