using StageBox.Show.Sticks;

namespace StageBox.Show;

/// <summary>
/// The <c>show:</c> section of /etc/stagebox/stagebox.yaml: where the box's show comes from (the
/// library on the data partition, or a folder instead), which setlist it plays, and where sticks to
/// import from are mounted.
/// </summary>
public sealed class ShowSettings
{
    /// <summary>A show folder to play instead of the library's. Empty: the library's; with neither, the simulated box plays the built-in demo show.</summary>
    public string Folder { get; set; } = "";
    public string Setlist { get; set; } = "main";

    /// <summary>The show library on the data partition: imports install into it, and the box plays its current generation.</summary>
    public string Library { get; set; } = "/var/lib/stagebox/library";

    /// <summary>Where removable drives are mounted (by deploy/udev/90-stagebox-usb-stick.rules); a show stick found below it is imported.</summary>
    public string MediaRoot { get; set; } = StickDetector.DefaultMediaRoot;
}
