using System.Net.Sockets;
using System.Text;

namespace StageBox.App.Systemd;

/// <summary>
/// sd_notify(3) without libsystemd: datagrams to the socket systemd names in NOTIFY_SOCKET
/// (a path, or an abstract name written with a leading '@'). Outside a Type=notify service
/// there is no socket and every call does nothing.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _target;

    private SystemdNotifier(string? socketPath)
    {
        if (string.IsNullOrEmpty(socketPath)) return;
        // An abstract socket's name starts with a NUL byte, which NOTIFY_SOCKET writes as '@'.
        _target = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        // Never blocking: with systemd busy and its queue full, a notification is dropped, not waited for.
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    }

    public static SystemdNotifier FromEnvironment() => To(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>Notifies the socket at <paramref name="socketPath"/> (NOTIFY_SOCKET's form), or nothing when it is null or empty.</summary>
    public static SystemdNotifier To(string? socketPath) => new(socketPath);

    public bool Enabled => _socket is not null;

    /// <summary>Sends one notification, such as "READY=1\nSTATUS=playing"; a failure to send is not the show's problem and is ignored.</summary>
    public void Notify(string state)
    {
        if (_socket is null) return;
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), _target!);
        }
        catch (SocketException)
        {
            // systemd gone or its queue full: the box plays on regardless.
        }
    }

    public void Dispose() => _socket?.Dispose();
}
