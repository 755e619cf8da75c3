using StageBox.App.Services;

namespace StageBox.App.ShowChanges;

/// <summary>Looks at each position for the engine taking over a show the <see cref="ShowChanger"/> offered.</summary>
internal sealed class ShowChangeWatch() : TickedService(TimeSpan.FromMilliseconds(20))
{
    public override void Tick(long nowNanoseconds) => Ports.ShowChanger?.Observe(Ports.Position.Read());
}
