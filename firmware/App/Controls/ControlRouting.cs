using StageBox.App.Services;
using StageBox.Control.Input;
using StageBox.Control.Mapping;

namespace StageBox.App.Controls;

/// <summary>
/// The input router a control source feeds its edges to: its layout of lines, the configured
/// mapping and gestures, and the box's action dispatcher. Every source goes through the same
/// gesture decoders and stage-safety rules.
/// </summary>
internal static class ControlRouting
{
    /// <param name="idleLevels">What each line reads with nothing pressed (tells normally-open from normally-closed pedals).</param>
    public static InputRouter RouterFor(ControlSettings settings, BoxPorts ports, InputLayout layout, bool[] idleLevels) =>
        new(layout, settings.Mapping, ports.Actions, ports.Position, idleLevels,
            new FootswitchSettings { LongPress = TimeSpan.FromMilliseconds(settings.LongPressMs) },
            new EncoderSettings(settings.EncoderStepsPerDetent, settings.EncoderAcceleration));
}
