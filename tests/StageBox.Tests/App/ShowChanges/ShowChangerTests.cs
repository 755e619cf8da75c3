using StageBox.App.ShowChanges;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Show.Import;
using StageBox.Show.Library;
using StageBox.Show.Playback;
using StageBox.Tests.Hal;
using StageBox.Tests.Show.Import;

namespace StageBox.Tests.App.ShowChanges;

/// <summary>The show changer against a real library on disk and a real engine, rendered period by period on the test's thread.</summary>
public sealed class ShowChangerTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly ShowLibrary _library;
    private readonly PlaybackEngine _engine;
    private readonly StringWriter _log = new();
    private readonly List<string> _said = [];

    public ShowChangerTests()
    {
        _library = new ShowLibrary(_work.File("library"));
        Install("main", "First");
        var format = new PcmFormat(ImportSticks.DeviceRate, ImportSticks.Outputs, SampleFormat.Float32);
        IReadOnlyList<SetlistSlot> playing = InstalledSetlist.Prepare(_library, "main", format, new StemStreams(format.SampleRate)).Value!;
        _engine = new PlaybackEngine(playing, format, 256);
    }

    private ShowChanger NewChanger() => new(_library, "main", _engine, new StemStreams(ImportSticks.DeviceRate), _log);

    [Fact]
    public void An_installed_show_is_announced_then_offered_and_its_take_over_is_told_once()
    {
        Install("main", "First v2");
        ShowChanger changer = NewChanger();

        string? refusal = changer.Offer("g000002", stopped => _said.Add($"announced, stopped: {stopped}"), () => _said.Add("taken over"));
        changer.Observe(_engine.Position.Read());
        Assert.Null(refusal);
        Assert.Equal(["announced, stopped: True"], _said); // offered, not yet taken: the engine has not rendered since

        _engine.RenderPeriod(new byte[_engine.PeriodBytes]); // stopped: it takes the offered show over at its next period
        changer.Observe(_engine.Position.Read());
        changer.Observe(_engine.Position.Read());
        Assert.Equal(["announced, stopped: True", "taken over"], _said);
        Assert.Contains("show: now playing generation g000002 from the library (1 songs in the setlist)", _log.ToString());
        Assert.Equal("g000002", _library.Pointer!.Current);
    }

    [Fact]
    public void A_show_this_box_cannot_play_is_refused_and_the_library_goes_back_to_the_one_it_plays()
    {
        Install("encore", "Another show"); // the box plays setlist "main", and this show has only "encore" and "spare"
        ShowChanger changer = NewChanger();

        string? refusal = changer.Offer("g000002", _ => _said.Add("announced"), () => _said.Add("taken over"));

        Assert.NotNull(refusal);
        Assert.Contains("the box cannot play it: ", refusal);
        Assert.Contains("no setlist 'main'", refusal);
        Assert.EndsWith("; the library is back on g000001", refusal);
        Assert.Empty(_said);
        Assert.Equal("g000001", _library.Pointer!.Current);
        Assert.False(_engine.SetlistOffered);
    }

    /// <summary>Imports a click-only show of one song, with the setlists named, as a stick's import does.</summary>
    private void Install(string setlist, string title)
    {
        string folder = _work.File($"show-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Join(folder, "songs", "first"));
        Directory.CreateDirectory(Path.Join(folder, "setlists"));
        File.WriteAllText(Path.Join(folder, "songs", "first", "song.yaml"), $"title: {title}\ncount_in: 0\nbars: 2\ntempo_map:\n  - {{ bar: 1, tempo: 120, meter: 4/4 }}\n");
        foreach (string name in setlist == "main" ? ["main"] : new[] { setlist, "spare" })
            File.WriteAllText(Path.Join(folder, "setlists", $"{name}.yaml"), "title: Set\nsongs:\n  - first\n");
        ImportResult result = new ShowImporter(_library, ImportSticks.DeviceRate, ImportSticks.Outputs).Import(folder);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    public void Dispose() => _work.Dispose();
}
