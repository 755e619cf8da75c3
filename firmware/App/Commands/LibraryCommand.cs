using System.CommandLine;
using StageBox.App.Configuration;
using StageBox.Show.Library;

namespace StageBox.App.Commands;

/// <summary>
/// <c>stagebox library status | rollback | check</c>: what is installed, going back to the
/// show installed before it in one action, and proving the installed files are intact.
/// </summary>
internal static class LibraryCommand
{
    public static Command Create(Option<string?> configOption)
    {
        Option<string?> library = LibraryLocation.CreateOption();
        library.Recursive = true;
        var status = new Command("status", "Show the installed generation, the one kept for a rollback, and the show's content hash");
        var rollback = new Command("rollback", "Make the previously installed show current again (run it again to undo)");
        var check = new Command("check", "Read every file of the installed show back and compare it with its checksum");
        var command = new Command("library", "The show library on the box's data partition") { library, status, rollback, check };
        ShowLibrary Open(ParseResult parse) => LibraryLocation.Open(parse, library, ConfigurationLoader.Load(parse.GetValue(configOption)));
        status.SetAction(parse => Status(Open(parse)));
        rollback.SetAction(parse =>
        {
            GenerationPointer pointer = Open(parse).RollBack();
            Console.WriteLine($"rolled back: {pointer.Current} is current again; {pointer.Previous} is kept (rollback again to return to it)");
            return 0;
        });
        check.SetAction(parse => Check(Open(parse)));
        return command;
    }

    private static int Status(ShowLibrary library)
    {
        GenerationPointer? pointer = library.Pointer;
        if (pointer is null)
        {
            Console.WriteLine($"{library.Layout.Root}: no show installed");
            return 0;
        }
        foreach ((string role, string? name) in new[] { ("current", pointer.Current), ("previous", pointer.Previous) })
        {
            if (name is null) continue;
            GenerationManifest manifest = library.Manifest(name);
            int songs = manifest.Files.Count(f => f.Path.EndsWith("/song.yaml", StringComparison.Ordinal));
            Console.WriteLine($"{role}: {name}, {songs} songs at {manifest.SampleRate} Hz, imported {manifest.ImportedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC from {manifest.Source}, content {manifest.ContentHash[..16]}");
        }
        return 0;
    }

    private static int Check(ShowLibrary library)
    {
        GenerationPointer pointer = library.Pointer ?? throw new LibraryException($"{library.Layout.Root}: no show installed");
        IReadOnlyList<string> problems = library.Verify(pointer.Current);
        foreach (string problem in problems) Console.WriteLine($"{library.Layout.Root}/generations/{problem}");
        Console.WriteLine(problems.Count == 0
            ? $"{pointer.Current}: every file matches its checksum ({library.Manifest(pointer.Current).Files.Count} files)"
            : $"{pointer.Current}: {problems.Count} damaged file(s); roll back or import the show again");
        return problems.Count == 0 ? 0 : 1;
    }
}
