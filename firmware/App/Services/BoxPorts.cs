using StageBox.App.ShowChanges;
using StageBox.Control.Actions;
using StageBox.Engine.Transport;

namespace StageBox.App.Services;

/// <summary>
/// All a service may use of the running box. Commands go in through the action dispatcher (the
/// stage-safety rules and, in a pair, the route to the live box); state comes out through
/// lock-free reads (the position snapshot, the audio thread's health, the box state), never by
/// waiting on the audio thread.
/// </summary>
/// <param name="Actions">Where footswitches, keys and any later remote send what the player asks for.</param>
/// <param name="Position">The engine's position, published each period.</param>
/// <param name="Health">The audio thread's figures: render times, xruns, the device.</param>
/// <param name="State">The box as the status file, the screen and any later page show it (the redundancy report included).</param>
/// <param name="Alerts">Where a service posts what the status line says of it (an import under way or failed).</param>
/// <param name="ShowChanger">Changes the playing show to one the library has installed; null when the box plays a folder, which is the user's to change.</param>
/// <param name="Lifetime">Asks the box to stop (the q key, the end of a run).</param>
/// <param name="Log">The box's log (the journal on the box).</param>
internal sealed record BoxPorts(
    ActionDispatcher Actions,
    PositionSnapshot Position,
    RenderHealth Health,
    BoxStateSource State,
    AlertBoard Alerts,
    ShowChanger? ShowChanger,
    BoxLifetime Lifetime,
    TextWriter Log);
