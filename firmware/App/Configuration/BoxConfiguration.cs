using StageBox.App.Session;
using StageBox.App.Screen;
using StageBox.App.Controls;
using StageBox.Redundancy;
using StageBox.Show;

namespace StageBox.App.Configuration;

/// <summary>
/// The device configuration (/etc/stagebox/stagebox.yaml, and the box's own
/// /var/lib/stagebox/stagebox.yaml over it: see <see cref="ConfigurationLoader"/>). Every field has
/// a default, so the box runs without either file.
/// </summary>
public sealed class BoxConfiguration
{
    public const string DefaultPath = "/etc/stagebox/stagebox.yaml";

    /// <summary>The box's own settings, on the data partition (the service's StateDirectory), field by field over <see cref="DefaultPath"/>'s.</summary>
    public const string BoxPath = "/var/lib/stagebox/stagebox.yaml";

    public AudioSettings Audio { get; set; } = new();
    public ShowSettings Show { get; set; } = new();
    public ControlSettings Controls { get; set; } = new();
    public DisplaySettings Display { get; set; } = new();
    public RedundancySettings Redundancy { get; set; } = new();
}
