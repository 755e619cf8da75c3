using StageBox.Hal.Files;
using StageBox.Show.Model;

namespace StageBox.Show.Import;

/// <summary>What a walk over a show folder found: problems that stop the import, and hidden entries left out.</summary>
public sealed record StickScan(IReadOnlyList<ShowError> Errors, IReadOnlyList<string> Skipped, int Files, long Bytes)
{
    public const int MaxDepth = 8;
    public const int MaxEntries = 20_000;
    /// <summary>A WAV file holds at most 4 GiB; nothing a show needs is bigger.</summary>
    public const long MaxFileBytes = 4L << 30;

    /// <summary>
    /// Walks <paramref name="showFolder"/> without following anything: each entry is judged by
    /// statx before it is opened, so a symbolic link, a FIFO (whose open would block) or a device
    /// is refused, as are names outside <see cref="EntryName"/>'s allowlist, absurd sizes and depths.
    /// </summary>
    public static StickScan Of(string showFolder)
    {
        var walk = new Walk(showFolder);
        walk.Folder(showFolder, 0);
        return new StickScan(walk.Errors, walk.Skipped, walk.Files, walk.Bytes);
    }

    private sealed class Walk(string root)
    {
        private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = false };
        private int _entries;

        public List<ShowError> Errors { get; } = [];
        public List<string> Skipped { get; } = [];
        public int Files { get; private set; }
        public long Bytes { get; private set; }

        public void Folder(string folder, int depth)
        {
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder, "*", EveryEntry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Error(folder, $"cannot be read: {e.Message}", "check the stick on a computer");
                return;
            }
            Array.Sort(entries, StringComparer.Ordinal);
            foreach (string path in entries)
            {
                if (++_entries > MaxEntries)
                {
                    Error(root, $"holds more than {MaxEntries} files and folders", "copy only the show (songs/ and setlists/) onto the stick");
                    return;
                }
                Entry(path, depth);
            }
        }

        private void Entry(string path, int depth)
        {
            string name = Path.GetFileName(path);
            if (EntryName.IsHidden(name))
            {
                Skipped.Add(Relative(path));
                return;
            }
            if (EntryName.Problem(name) is { } nameProblem)
            {
                Error(path, nameProblem, "rename it on a computer");
                return;
            }
            FileEntry entry = FileEntry.Of(path);
            switch (entry.Kind)
            {
                case FileKind.Directory when depth + 1 >= MaxDepth:
                    Error(path, $"lies more than {MaxDepth} folders deep", "a show needs songs/SONG/ and at most a few folders inside a song");
                    break;
                case FileKind.Directory:
                    Folder(path, depth + 1);
                    break;
                case FileKind.Regular when entry.Bytes > MaxFileBytes:
                    Error(path, $"is {entry.Bytes / (1 << 20)} MiB, more than the {MaxFileBytes >> 30} GiB a file may have", "split or shorten it");
                    break;
                case FileKind.Regular:
                    Files++;
                    Bytes += entry.Bytes;
                    break;
                case FileKind.SymbolicLink:
                    Error(path, "is a symbolic link", "copy the file itself onto the stick; links are not followed, so a stick cannot reach the box's own files");
                    break;
                case FileKind.Missing:
                    Error(path, "vanished while the stick was being read", "leave the stick in until the import is done");
                    break;
                default:
                    Error(path, $"is a {Describe(entry.Kind)}, not a file", "remove it from the stick");
                    break;
            }
        }

        private static string Describe(FileKind kind) => kind switch
        {
            FileKind.Fifo => "FIFO (named pipe)",
            FileKind.Socket => "socket",
            FileKind.CharacterDevice => "character device",
            _ => "block device",
        };

        private void Error(string path, string problem, string fix) => Errors.Add(new ShowError(new SourceLocation(Relative(path)), problem, fix));

        private string Relative(string path) => path == root ? root : Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
    }
}
