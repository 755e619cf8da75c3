using StageBox.App.Services;
using StageBox.Control.Actions;
using StageBox.Engine.Click;
using StageBox.Engine.Songs;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Roles;
using static StageBox.Tests.Engine.EngineHarness;

namespace StageBox.Tests.App.Services;

/// <summary>
/// The ports a service is started with, over a real engine that the test renders by hand (no
/// audio thread, no device): what a service sends through the dispatcher shows in the engine's
/// position once a period is rendered, and what it reports is read back from the log, the alert
/// board and the lifetime.
/// </summary>
internal sealed class TestBox : IDisposable
{
    private readonly StringWriter _log = new();

    public TestBox(params string[] titles)
    {
        SetlistSlot[] setlist = Setlist = titles.Select(title => new SetlistSlot(
            new PreparedSong(title, title, Rate, Constant(120), 0, 8, [], new ClickSetup([0], 1, 1, ClickSounds.Synthesize(Rate)), [], [], SongEnd.Stop),
            SongEnd.Stop)).ToArray();
        Engine = NewEngine(2, 256, setlist);
        Ports = new BoxPorts(new ActionDispatcher(Engine.Commands, Engine.Position), Engine.Position, Health,
            new BoxStateSource(Engine.Position, Health, setlist, "the test's output", Alerts, () => Redundancy),
            Alerts, ShowChanger: null, Lifetime, TextWriter.Synchronized(_log));
    }

    public SetlistSlot[] Setlist { get; }
    public PlaybackEngine Engine { get; }
    public RenderHealth Health { get; } = new();
    public AlertBoard Alerts { get; } = new();
    public BoxLifetime Lifetime { get; } = new();
    public BoxPorts Ports { get; }

    /// <summary>The pair's report as the box state reads it; null: a box on its own.</summary>
    public RedundancyReport? Redundancy { get; set; }

    public string Log
    {
        get
        {
            lock (Ports.Log) return _log.ToString();
        }
    }

    /// <summary>
    /// Renders a period at a time until <paramref name="wanted"/> holds of the position, for at most
    /// <paramref name="patience"/>: a command another thread sends is taken at the next period, as
    /// the audio thread would take it, however fast the periods come.
    /// </summary>
    public PlaybackPosition RenderUntil(Func<PlaybackPosition, bool> wanted, TimeSpan patience)
    {
        long giveUpAt = Environment.TickCount64 + (long)patience.TotalMilliseconds;
        while (!wanted(Engine.Position.Read()) && Environment.TickCount64 < giveUpAt) Render(Engine, 1);
        return Engine.Position.Read();
    }

    public void Dispose() => Lifetime.Dispose();
}
