using System.Globalization;
using System.Text.RegularExpressions;
using StageBox.Engine.Timeline;

namespace StageBox.Show.Init;

/// <summary>
/// A tempo written into a file or folder name, as DAW users often do because the export does
/// not carry it: "Midnight Drive 120bpm", "Click_92.5_BPM.wav", "bpm-128 Outro".
/// </summary>
public static partial class TempoInName
{
    /// <summary>The number must stand apart from other digits and letters, so "v2 120bpm" gives 120 and "1120bpm" nothing.
    /// Its digits are ASCII: .NET's \d also matches other scripts' digits ("١٢٠bpm"), which double.Parse refuses.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d.,])(?<tempo>[0-9]{2,3}(?:[.,][0-9]{1,3})?)[ _-]?bpm(?!\p{L})|(?<!\p{L})bpm[ _-]?(?<tempo>[0-9]{2,3}(?:[.,][0-9]{1,3})?)(?![\d.,]*\d)", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>Slower than this is not a song's tempo but a number that happens to precede "bpm".</summary>
    private const double SlowestPlausible = 20;

    /// <summary>The tempo in quarter notes per minute, or null when the name carries none.</summary>
    public static double? Find(string name) => Plausible(name) is { } match ? Tempo(match) : null;

    /// <summary>The name without its tempo, for a title ("Midnight Drive 120bpm" is the song "Midnight Drive").</summary>
    public static string Remove(string name) => Plausible(name) is { } match ? name.Remove(match.Index, match.Length).Insert(match.Index, " ") : name;

    private static Match? Plausible(string name)
    {
        Match match = Pattern().Match(name);
        return match.Success && Tempo(match) is >= SlowestPlausible and <= TempoMap.MaxTempo ? match : null;
    }

    private static double Tempo(Match match) => double.Parse(match.Groups["tempo"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
}
