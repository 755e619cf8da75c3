using StageBox.App.ShowChanges;
using StageBox.App.StickImport;
using StageBox.Control.Views;
using StageBox.Show;
using StageBox.Show.Library;
using StageBox.Show.Playback;
using StageBox.Show.Sticks;
using StageBox.Tests.Hal;
using StageBox.Tests.Hal.Mounts;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.App.Services;

/// <summary>
/// Stick imports as a service, against the ports alone: what it says of a stick goes to the alert
/// board and the log. (The import itself, a process of its own, is tested with the running box in
/// StickImportTests.)
/// </summary>
public sealed class StickImportsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_refused_stick_is_posted_on_the_status_line_until_it_is_pulled()
    {
        using var box = new TestBox("One");
        using var work = new TempDirectory();
        string mediaRoot = work.File("media");
        Directory.CreateDirectory(mediaRoot);
        var library = new ShowLibrary(work.File("library"));
        using var imports = new StickImports(new StickImportSettings(new StickDetector(mediaRoot), library, ConfigPath: null));
        imports.Start(box.Ports with { ShowChanger = new ShowChanger(library, "main", box.Engine, new StemStreams(Rate), TextWriter.Null) });

        ImportProgress? refused;
        using (TmpfsMount writable = TmpfsMount.At(work.File("writable-stick")))
        {
            // A show folder on it (its content does not matter: the stick is refused for how it is mounted).
            Directory.CreateDirectory(Path.Join(writable.Path, ShowLayout.StickFolder));
            using TmpfsMount plugged = writable.BindAt(Path.Join(mediaRoot, "stagebox-usb-sdz1"));
            SpinWait.SpinUntil(() => box.Alerts.Import is not null, Patience);
            refused = box.Alerts.Import;
        }
        SpinWait.SpinUntil(() => box.Alerts.Import is null, Patience);

        Assert.NotNull(refused);
        Assert.Equal(("stagebox-usb-sdz1", true), (refused.Source, refused.Failed));
        Assert.StartsWith("mounted without ro", refused.Phase);
        Assert.Null(box.Alerts.Import);
        Assert.Contains($"sticks: watching for show sticks under {mediaRoot}", box.Log);
        Assert.DoesNotContain("import: from", box.Log);
    }
}
