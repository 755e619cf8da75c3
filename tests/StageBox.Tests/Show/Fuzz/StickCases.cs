using System.Text;
using Microsoft.Win32.SafeHandles;

namespace StageBox.Tests.Show.Fuzz;

/// <summary>
/// A USB stick as the import validator meets it, held in memory so each case can spoil its own
/// copy: files by path (under StageBox/), extra empty folders, and symbolic links.
/// </summary>
internal sealed class Stick
{
    public const string ShowFolder = "StageBox";

    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Folders { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    public Stick Copy()
    {
        var copy = new Stick();
        foreach ((string path, byte[] bytes) in Files) copy.Files[path] = bytes;
        copy.Folders.UnionWith(Folders);
        foreach ((string path, string target) in Links) copy.Links[path] = target;
        return copy;
    }

    /// <summary>
    /// Writes a new file in place of any old one. File.WriteAllBytes preallocates the file, and
    /// rewriting a file in place makes ext4 flush it on close (it guards files truncated and
    /// rewritten); on this machine's disk either cost up to a millisecond a file, so a fuzz run
    /// spent more time writing its cases than loading them. A new file written plainly costs a
    /// twentieth of that.
    /// </summary>
    public static void Write(string root, string path, byte[] bytes)
    {
        string full = Path.Join(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Delete(full);
        using SafeFileHandle file = File.OpenHandle(full, FileMode.CreateNew, FileAccess.Write);
        RandomAccess.Write(file, bytes, 0);
    }

    public static void Link(string root, string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Join(root, path))!);
        File.CreateSymbolicLink(Path.Join(root, path), target);
    }

    /// <summary>Every folder the stick has: those it names, and those its files, links and folders lie in.</summary>
    public HashSet<string> AllFolders()
    {
        var folders = new HashSet<string>(Folders, StringComparer.Ordinal);
        foreach (string path in Files.Keys.Concat(Links.Keys).Concat(Folders))
        {
            for (string? parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
                folders.Add(parent);
        }
        return folders;
    }

    /// <summary>The sound show of <see cref="FuzzCorpus"/> on a stick, read back from disk once.</summary>
    public static readonly Lazy<Stick> Sound = new(() =>
    {
        using TempShowFolder written = FuzzCorpus.WriteShow(new TempShowFolder(), ShowFolder);
        var stick = new Stick();
        foreach (string file in Directory.EnumerateFiles(written.Root, "*", SearchOption.AllDirectories))
            stick.Files[Path.GetRelativePath(written.Root, file)] = File.ReadAllBytes(file);
        return stick;
    });
}

/// <summary>
/// One folder that holds stick after stick: each case changes only the few files it spoils,
/// instead of writing a whole stick and deleting it again, which took four times as long as
/// validating it. After <see cref="Hold"/> the folder holds exactly the stick, nothing left over
/// from the case before, so a case run alone sees what it saw in the run. The folder is in
/// memory (/dev/shm) where the system has one: the machine's disk is shared, and when it was
/// busy, writing a case took longer than loading it.
/// </summary>
internal sealed class StickFolder : IDisposable
{
    private const string Memory = "/dev/shm";

    /// <summary>The bytes each file on disk was last written from; the stick's unchanged files share them.</summary>
    private readonly Dictionary<string, byte[]> _written = new(StringComparer.Ordinal);

    public StickFolder()
    {
        string parent = Directory.Exists(Memory) ? Memory : Path.GetTempPath();
        Root = Path.Join(parent, "stagebox-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public void Hold(Stick stick)
    {
        Prune(Root, "", stick, stick.AllFolders());
        foreach (string folder in stick.Folders) Directory.CreateDirectory(Path.Join(Root, folder));
        foreach ((string path, byte[] bytes) in stick.Files)
        {
            if (_written.TryGetValue(path, out byte[]? written) && ReferenceEquals(written, bytes)) continue;
            Stick.Write(Root, path, bytes);
            _written[path] = bytes;
        }
        foreach ((string path, string target) in stick.Links) Stick.Link(Root, path, target);
    }

    /// <summary>Removes what the stick lacks: every link (links are few, and remade), files it lacks, folders it lacks.</summary>
    private void Prune(string folder, string relative, Stick stick, HashSet<string> folders)
    {
        foreach (FileSystemInfo entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            string path = relative + entry.Name;
            // The enumeration has read each entry's attributes already: a link shows as a reparse point.
            if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) || (entry is FileInfo && !stick.Files.ContainsKey(path)))
            {
                File.Delete(entry.FullName);
                _written.Remove(path);
            }
            else if (entry is DirectoryInfo)
            {
                Prune(entry.FullName, path + "/", stick, folders);
                if (!folders.Contains(path)) Directory.Delete(entry.FullName);
            }
        }
    }
}

/// <summary>A spoilt stick: what was done to it, and the bytes of the YAML file it spoilt, if any.</summary>
internal sealed record StickCase(int Seed, int Index, string Target, Stick Stick, byte[]? Yaml, IReadOnlyList<string> Steps) : IFuzzCase
{
    public override string ToString() =>
        new FuzzCase(Seed, Index, Target, Yaml ?? [], Steps).ToString();
}

/// <summary>
/// The validator fuzz cases: the sound stick with its YAML spoilt by the <see cref="YamlMutator"/>,
/// its files and folders spoilt as sticks get spoilt (files missing, cut short or corrupt, audio
/// swapped, names no stick should carry, case twins, links, folders too deep), or both.
/// </summary>
internal static class StickCases
{
    private const int Stream = 2;
    private const string S = Stick.ShowFolder;

    private enum Spoil
    {
        DeleteFile, TruncateAudio, CorruptAudioHeader, AudioIsText, SwapAudio, StrangeName, CaseTwinSong, EmptySongFolder,
        SongWithoutYaml, RenameSong, SetlistTwin, NoSetlists, ShowAtTheRoot, NoShowFolder, DeepFolders, Link, HiddenJunk, EmptyYaml, TitleClash,
    }

    private static readonly string[] StrangeNames =
    [
        "a\nb.wav", "rm *", "._drums.wav", ".DS_Store", "\u00DCmlaut Song", "con", "a:b.wav", "x\u202Eevil.wav", new('a', 130), "tab\there",
        " leading", "trailing ", "semi;colon", "quote\"s", "back\\slash", "dollar$", "guitar \U0001F3B8", "\u65E5\u672C\u8A9E", "percent%", "what?",
    ];

    private static readonly string[] YamlTargets = YamlCases.Targets;
    private static readonly YamlMutator Mutator = new(YamlTargets.Select(t => FuzzCorpus.Files[t]).ToArray());

    public static StickCase Make(int seed, int index)
    {
        Random random = FuzzSettings.CaseRandom(seed, index, Stream);
        Stick stick = Stick.Sound.Value.Copy();
        var steps = new List<string>();
        string target = "the stick";
        byte[]? yaml = null;
        int spoils = random.Next(4) switch { 0 => 0, 1 or 2 => 1, _ => 2 };
        if (spoils == 0 || random.Next(2) == 0)
        {
            target = $"{S}/{YamlTargets[random.Next(YamlTargets.Length)]}";
            (yaml, IReadOnlyList<string> yamlSteps) = Mutator.Mutate(random, FuzzCorpus.Files[target[(S.Length + 1)..]], random.Next(1, 4));
            stick.Files[target] = yaml;
            steps.AddRange(yamlSteps.Select(step => $"{target}: {step}"));
        }
        for (int i = 0; i < spoils; i++)
        {
            var spoil = (Spoil)random.Next(Enum.GetValues<Spoil>().Length);
            steps.Add($"{spoil}: {Apply(random, spoil, stick)}");
        }
        return new StickCase(seed, index, target, stick, yaml, steps);
    }

    private static string Apply(Random random, Spoil spoil, Stick stick)
    {
        string[] files = stick.Files.Keys.ToArray();
        string[] audio = files.Where(f => f.EndsWith(".wav", StringComparison.Ordinal) && IsAudio(stick.Files[f])).ToArray();
        string[] songs = files.Where(f => f.StartsWith($"{S}/songs/", StringComparison.Ordinal))
            .Select(f => f.Split('/')[2]).Distinct(StringComparer.Ordinal).ToArray();
        switch (spoil)
        {
            case Spoil.DeleteFile when files.Length > 0:
                string deleted = Pick(random, files);
                stick.Files.Remove(deleted);
                return deleted;
            case Spoil.TruncateAudio when audio.Length > 0:
                string cut = Pick(random, audio);
                // A file cut short by an earlier spoil may already be under 64 bytes (seed 2069671171 found it).
                int keep = random.Next(Math.Min(random.Next(3) == 0 ? 64 : int.MaxValue, stick.Files[cut].Length));
                stick.Files[cut] = stick.Files[cut][..keep];
                return $"{cut} to {keep} bytes";
            case Spoil.CorruptAudioHeader when audio.Length > 0:
                string corrupt = Pick(random, audio);
                byte[] bytes = (byte[])stick.Files[corrupt].Clone();
                int at = random.Next(Math.Min(64, bytes.Length));
                bytes[at] = (byte)random.Next(256);
                stick.Files[corrupt] = bytes;
                return $"{corrupt} byte {at} = {bytes[at]}";
            case Spoil.AudioIsText when audio.Length > 0:
                string text = Pick(random, audio);
                stick.Files[text] = Encoding.UTF8.GetBytes("RIFF but not really audio");
                return text;
            case Spoil.SwapAudio when audio.Length > 1:
                string into = Pick(random, audio);
                string from = Pick(random, audio);
                stick.Files[into] = stick.Files[from];
                return $"{into} holds {from}";
            case Spoil.StrangeName:
                string folder = Pick(random, [S, $"{S}/songs", $"{S}/setlists", .. songs.Select(s => $"{S}/songs/{s}")]);
                string name = $"{folder}/{Pick(random, StrangeNames)}";
                if (random.Next(3) == 0) stick.Folders.Add(name);
                else stick.Files[name] = audio.Length > 0 ? stick.Files[Pick(random, audio)] : [];
                return YamlMutator.Show(name);
            case Spoil.CaseTwinSong when songs.Length > 0:
                string song = Pick(random, songs);
                string twin = char.ToUpperInvariant(song[0]) + song[1..];
                CopySong(stick, song, twin);
                return $"{song} as {twin}";
            case Spoil.EmptySongFolder:
                stick.Folders.Add($"{S}/songs/empty");
                return $"{S}/songs/empty";
            case Spoil.SongWithoutYaml when audio.Length > 0:
                stick.Files[$"{S}/songs/stems-only/drums.wav"] = stick.Files[Pick(random, audio)];
                return $"{S}/songs/stems-only";
            case Spoil.RenameSong when songs.Length > 0:
                string renamed = Pick(random, songs);
                CopySong(stick, renamed, renamed + "-2");
                RemoveSong(stick, renamed);
                return $"{renamed} to {renamed}-2";
            case Spoil.SetlistTwin:
                stick.Files[$"{S}/setlists/friday.yml"] = Encoding.UTF8.GetBytes(FuzzCorpus.Files["setlists/friday.yaml"]);
                return "setlists/friday.yml beside friday.yaml";
            case Spoil.NoSetlists:
                foreach (string setlist in files.Where(f => f.StartsWith($"{S}/setlists/", StringComparison.Ordinal))) stick.Files.Remove(setlist);
                return "every setlist";
            case Spoil.ShowAtTheRoot:
                Move(stick, $"{S}/", "");
                return "StageBox/ moved to the root";
            case Spoil.NoShowFolder:
                Move(stick, $"{S}/", "Music/");
                return "StageBox/ renamed Music/";
            case Spoil.DeepFolders:
                stick.Folders.Add($"{S}/songs/{Pick(random, songs.Append("deep").ToArray())}/" + string.Join('/', Enumerable.Repeat("deeper", random.Next(5, 12))));
                return "folders inside a song";
            case Spoil.Link when files.Length > 0:
                string link = Pick(random, files);
                stick.Files.Remove(link);
                stick.Links[link] = Pick(random, ["/etc/passwd", "../drums.wav", "drums.wav", "/dev/zero", "loop", "."]);
                return $"{link} -> {stick.Links[link]}";
            case Spoil.HiddenJunk:
                stick.Files[$"{S}/songs/midnight-drive/._drums.wav"] = [0, 5, 22, 7];
                stick.Files[$"{S}/.Trashes/x"] = [1];
                return "._drums.wav and .Trashes";
            case Spoil.EmptyYaml:
                string emptied = Pick(random, files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).DefaultIfEmpty($"{S}/setlists/empty.yaml").ToArray());
                stick.Files[emptied] = [];
                return emptied;
            case Spoil.TitleClash when stick.Files.ContainsKey($"{S}/songs/seven-bridges/song.yaml"):
                string path = $"{S}/songs/seven-bridges/song.yaml";
                stick.Files[path] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stick.Files[path]).Replace("title: Seven Bridges", "title: midnight drive", StringComparison.Ordinal));
                return "seven-bridges titled like midnight-drive";
            default:
                return "nothing to spoil";
        }
    }

    private static bool IsAudio(byte[] bytes) => bytes.AsSpan().StartsWith("RIFF"u8);

    private static void CopySong(Stick stick, string from, string to)
    {
        foreach (string file in stick.Files.Keys.Where(f => f.StartsWith($"{S}/songs/{from}/", StringComparison.Ordinal)).ToArray())
            stick.Files[$"{S}/songs/{to}/{file[$"{S}/songs/{from}/".Length..]}"] = stick.Files[file];
    }

    private static void RemoveSong(Stick stick, string song)
    {
        foreach (string file in stick.Files.Keys.Where(f => f.StartsWith($"{S}/songs/{song}/", StringComparison.Ordinal)).ToArray())
            stick.Files.Remove(file);
    }

    private static void Move(Stick stick, string from, string to)
    {
        foreach (string file in stick.Files.Keys.Where(f => f.StartsWith(from, StringComparison.Ordinal)).ToArray())
        {
            stick.Files[to + file[from.Length..]] = stick.Files[file];
            stick.Files.Remove(file);
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
