using StageBox.Engine.Songs;
using StageBox.Engine.Timeline;

namespace StageBox.Show.Model;

/// <summary>A song as its song.yaml describes it. Paths are relative to <see cref="Folder"/>; outputs and channels are 1-based.</summary>
public sealed record SongDefinition(
    string Id,
    string Folder,
    string Title,
    string? Artist,
    IReadOnlyList<TempoChange> TempoMap,
    int CountInBars,
    int? Bars,
    IReadOnlyList<SectionDefinition> Sections,
    SongEnd End,
    ClickDefinition Click,
    IReadOnlyList<StemDefinition> Stems,
    IReadOnlyList<CueDefinition> Cues,
    SourceLocation Where);

/// <summary>A named section starting at a bar (Intro, Verse 1, Chorus...).</summary>
public sealed record SectionDefinition(string Name, int Bar, SourceLocation Where);

/// <summary>
/// The click: where it goes, how loud, and its sounds. <see cref="Subdivision"/> is how many
/// clicks per beat (1 = beats only, 2 = eighths under quarters...). A sample path replaces
/// the synthesized sound for that kind of click.
/// </summary>
public sealed record ClickDefinition(
    IReadOnlyList<int> Outputs,
    double LevelDb,
    int Subdivision,
    string? AccentSample,
    string? BeatSample,
    SourceLocation Where)
{
    public static ClickDefinition Default(SourceLocation where) => new([1, 2], 0, 1, null, null, where);
}

/// <summary>
/// A backing track: a file, which of its channels to play (null = all), the outputs they go
/// to and a gain. One channel may feed several outputs; otherwise channels map to outputs in order.
/// </summary>
public sealed record StemDefinition(
    string File,
    IReadOnlyList<int>? Channels,
    IReadOnlyList<int> Outputs,
    double GainDb,
    SourceLocation Where);

/// <summary>A one-shot sample (a spoken "verse", a guide cue) that plays from a bar; null outputs = the click's.</summary>
public sealed record CueDefinition(int Bar, string File, IReadOnlyList<int>? Outputs, double GainDb, SourceLocation Where);
