using StageBox.Control.Actions;
using StageBox.Control.Input;
using StageBox.Control.Mapping;
using StageBox.Engine.Transport;

namespace StageBox.Tests.Control;

/// <summary>The floor unit's edges, through decoders, mapping and stage safety, to the commands the audio thread gets.</summary>
public class InputRouterTests
{
    private const long Ms = 1_000_000;
    private readonly CommandQueue _commands = new();
    private readonly PositionSnapshot _position = new();
    private readonly InputRouter _router;
    private readonly uint[] _sequences = new uint[6];

    public InputRouterTests() =>
        _router = new InputRouter(InputLayout.ThreeSwitchFloorUnit, ControlMapping.ThreeSwitchFloorUnit,
            new ActionDispatcher(_commands, _position), _position, new bool[6]);

    private void Transport(TransportState state) =>
        _position.Publish(new PlaybackPosition(state, 0, 1, 0, 1, 1, 4, 4, 0, 120, 0, 0, 0));

    private void Edge(int line, bool level, long atMs) => _router.OnEdge(new LineEdge(line, level, atMs * Ms, ++_sequences[line]));

    /// <summary>Presses line for <paramref name="heldMs"/>, with the 5 ms timer running.</summary>
    private void Stomp(int line, long atMs, long heldMs)
    {
        Edge(line, true, atMs);
        for (long t = atMs; t < atMs + heldMs; t += 5) _router.Tick(t * Ms);
        Edge(line, false, atMs + heldMs);
        for (long t = atMs + heldMs; t < atMs + heldMs + 50; t += 5) _router.Tick(t * Ms);
    }

    private List<TransportCommand> Commands()
    {
        var all = new List<TransportCommand>();
        while (_commands.TryDequeue(out TransportCommand command)) all.Add(command);
        return all;
    }

    [Fact]
    public void A_tap_on_the_middle_switch_plays_and_carries_the_edge_timestamp()
    {
        Transport(TransportState.Stopped);
        Stomp(line: 1, atMs: 1000, heldMs: 80);
        Assert.Equal([TransportCommand.Play with { IssuedAtNanoseconds = 1000 * Ms }], Commands());
    }

    [Fact]
    public void While_playing_a_tap_cannot_stop_the_song_but_a_hold_does()
    {
        Transport(TransportState.Playing);
        Stomp(line: 1, atMs: 1000, heldMs: 80);
        Assert.Empty(Commands());
        Stomp(line: 1, atMs: 2000, heldMs: 1000);
        Assert.Equal([CommandKind.Stop], Commands().Select(c => c.Kind));
    }

    [Fact]
    public void Holding_the_switch_that_started_the_song_does_not_stop_it()
    {
        Transport(TransportState.Stopped);
        Edge(1, true, 1000);
        Transport(TransportState.CountIn);
        for (long t = 1000; t < 2000; t += 5) _router.Tick(t * Ms);
        Edge(1, false, 2000);
        Assert.Equal([CommandKind.Play], Commands().Select(c => c.Kind));
    }

    [Fact]
    public void Side_switches_move_the_setlist_cursor_on_a_tap_and_only_jump_a_section_on_a_hold()
    {
        Transport(TransportState.Playing);
        Stomp(line: 2, atMs: 1000, heldMs: 80);
        Stomp(line: 0, atMs: 2000, heldMs: 80);
        Stomp(line: 2, atMs: 3000, heldMs: 900);
        // A tap acts when the switch is let go (its hold means something else): timed at the release edge.
        Assert.Equal(
            [TransportCommand.NextSong with { IssuedAtNanoseconds = 1080 * Ms }, TransportCommand.PreviousSong with { IssuedAtNanoseconds = 2080 * Ms },
             TransportCommand.NextSection(Quantize.NextBar) with { IssuedAtNanoseconds = 3000 * Ms }],
            Commands());
    }

    [Fact]
    public void Encoder_detents_move_the_cursor_by_the_count_turned_each_way()
    {
        Transport(TransportState.Stopped);
        long t = 1000;
        void Detent(int first, int second)
        {
            foreach ((int line, bool level) in new[] { (first, true), (second, true), (first, false), (second, false) }) Edge(line, level, t += 3);
        }
        for (int i = 0; i < 3; i++) Detent(3, 4);
        Detent(4, 3);
        List<TransportCommand> commands = Commands();
        Assert.All(commands, c => Assert.Equal(CommandKind.MoveSongCursor, c.Kind));
        Assert.Equal(2, commands.Sum(c => c.Argument));
        Assert.Equal(4, commands.Count);
    }

    [Fact]
    public void A_double_push_of_the_encoder_loops_the_section()
    {
        Transport(TransportState.Playing);
        Stomp(line: 5, atMs: 1000, heldMs: 60);
        Stomp(line: 5, atMs: 1150, heldMs: 60);
        Assert.Equal([CommandKind.ToggleSectionLoop], Commands().Select(c => c.Kind));
    }
}
