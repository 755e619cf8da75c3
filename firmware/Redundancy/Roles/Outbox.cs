using System.Collections.Concurrent;
using StageBox.Engine.Transport;
using StageBox.Redundancy.Link;

namespace StageBox.Redundancy.Roles;

/// <summary>
/// What this box sends its peer, each packet encoded into one reused buffer (the node thread
/// allocates nothing per pass): the live box's beats, the standby's reports, and the transport
/// commands of this box's controls under one numbering, so the peer applies each once. Commands
/// are queued from any thread and sent by the node thread.
/// </summary>
internal sealed class Outbox(IPeerLink link, RoleFacts facts, ShowIdentity show)
{
    private readonly ConcurrentQueue<TransportCommand> _commands = new();
    private readonly byte[] _payload = new byte[PacketCodec.MaxPayloadBytes];

    /// <summary>Commands sent so far; a beat carries it.</summary>
    public int CommandsSent { get; private set; }

    public void Queue(TransportCommand command) => _commands.Enqueue(command);

    /// <summary>Sends every queued command, each <paramref name="copies"/> times under its one number.</summary>
    public void SendQueued(int copies)
    {
        while (_commands.TryDequeue(out TransportCommand command))
        {
            int length = PacketCodec.Write(_payload, new CommandPayload(++CommandsSent, command));
            for (int copy = 0; copy < copies; copy++) Send(PacketKind.Command, length);
        }
    }

    public void SendBeat(in BeatPayload beat) => Send(PacketKind.Beat, PacketCodec.Write(_payload, beat));

    public void SendReport(in ReportPayload report) => Send(PacketKind.Report, PacketCodec.Write(_payload, report));

    private void Send(PacketKind kind, int length) => link.Send(kind, facts.Term, show, _payload.AsSpan(0, length));
}
