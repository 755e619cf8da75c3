using StageBox.App.Services;
using StageBox.Control.Views;
using StageBox.Redundancy.Link;
using StageBox.Redundancy.Roles;

namespace StageBox.Tests.App.Services;

public sealed class BoxStateSourceTests
{
    [Fact]
    public void The_status_line_gathers_the_device_trouble_the_import_and_the_pair_into_one_state()
    {
        using var box = new TestBox("One", "Two");
        box.Health.RecordDevice(xruns: 3, latencyFrames: 0, deviceLosses: 1, deviceAway: true);
        var import = new ImportProgress("stagebox-usb-sda1", 0.5, "converting");
        box.Alerts.Post(import);
        box.Redundancy = new RedundancyReport { Role = BoxRole.Backup, Live = true, LinkUp = true, Armed = true, LinkDelayMs = 0.2, Term = 2, TookOver = true };

        BoxState state = box.Ports.State.Read();

        Assert.Equal((3L, 1L, true), (state.Alerts.Xruns, state.Alerts.DeviceLosses, state.Alerts.DeviceAway));
        Assert.Same(import, state.Alerts.Import);
        Assert.Equal(new RedundancyStatus(RedundancyRole.Backup, LinkUp: true, Armed: true, BackupLive: true, Detail: "link 0.2 ms, 0% loss"), state.Alerts.Redundancy);
        Assert.Same(box.Redundancy, state.Redundancy);
        Assert.Equal(("One", "Two", "the test's output"), (state.Stage.Song, state.Stage.NextSong, state.Output));
    }

    [Fact]
    public void A_box_on_its_own_says_standalone_and_an_alert_taken_off_is_gone()
    {
        using var box = new TestBox("One");
        var import = new ImportProgress("stagebox-usb-sda1", 1, "installed");
        box.Alerts.Post(import);
        box.Alerts.Clear(import);

        BoxState state = box.Ports.State.Read();

        Assert.Equal(RedundancyStatus.Standalone, state.Alerts.Redundancy);
        Assert.Null(state.Alerts.Import);
        Assert.Null(state.Redundancy);
    }
}
