using System.Globalization;

namespace StageBox.App.Resume;

/// <summary>
/// Where the set was at one moment: the song (by its place in the setlist and its id, so a
/// changed show is not mistaken for the same one), its frame, whether it played, and when,
/// on the monotonic clock of this boot (<paramref name="BootId"/>, as the kernel names it).
/// </summary>
internal sealed record SetlistPlace(int SongIndex, string SongId, long SongFrame, bool Playing, long TakenAtNanoseconds, string BootId)
{
    private const string BootIdFile = "/proc/sys/kernel/random/boot_id";

    /// <summary>This boot's id: the monotonic clock's times compare only within one boot.</summary>
    public static readonly string CurrentBootId = File.Exists(BootIdFile) ? File.ReadAllText(BootIdFile).Trim() : "";

    public string ToText() => string.Join('\n',
        $"song: {SongIndex}", $"song_id: {SongId}", $"frame: {SongFrame}", $"playing: {(Playing ? "yes" : "no")}",
        $"taken_at_ns: {TakenAtNanoseconds}", $"boot_id: {BootId}", "");

    /// <summary>The place in <paramref name="text"/>; null when the text is not a whole place (a file cut short is no place).</summary>
    public static SetlistPlace? Parse(string text)
    {
        Dictionary<string, string> fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return fields.TryGetValue("song", out string? song) && int.TryParse(song, CultureInfo.InvariantCulture, out int songIndex)
            && fields.TryGetValue("song_id", out string? songId)
            && fields.TryGetValue("frame", out string? frame) && long.TryParse(frame, CultureInfo.InvariantCulture, out long songFrame)
            && fields.TryGetValue("playing", out string? playing) && playing is "yes" or "no"
            && fields.TryGetValue("taken_at_ns", out string? takenAt) && long.TryParse(takenAt, CultureInfo.InvariantCulture, out long takenAtNs)
            && fields.TryGetValue("boot_id", out string? bootId)
            ? new SetlistPlace(songIndex, songId, songFrame, playing == "yes", takenAtNs, bootId)
            : null;
    }
}
