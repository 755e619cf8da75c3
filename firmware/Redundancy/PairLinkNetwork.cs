using System.Net;
using System.Net.Sockets;

namespace StageBox.Redundancy;

/// <summary>
/// The systemd-networkd file that gives the pair link its address on the box's wired port:
/// redundancy.listen's IPv4 address, with redundancy.peer's as the other end of a point-to-point
/// link (nothing else is routed through it). Written at boot, before systemd-networkd starts, by
/// <c>stagebox pair-network</c> from the same configuration the box plays by.
/// </summary>
public static class PairLinkNetwork
{
    /// <summary>
    /// The file for <paramref name="settings"/> (read from <paramref name="source"/>, named in it),
    /// or null for a box that gets no pair address; <paramref name="outcome"/> says which and why.
    /// </summary>
    public static string? For(RedundancySettings settings, string source, out string outcome)
    {
        if (settings.Role == RedundancyRoleSetting.Standalone)
        {
            outcome = $"role Standalone in {source}: no pair link";
            return null;
        }
        if (!IsIPv4(settings.Listen, out IPAddress? local) || local.Equals(IPAddress.Any) || !IsIPv4(settings.Peer, out IPAddress? peer))
        {
            outcome = $"{source}: redundancy.listen ({settings.Listen}) and redundancy.peer ({settings.Peer}) must both be IPv4 address:port, "
                + "listen not 0.0.0.0, for the box to give its wired port the pair's address; nothing configured";
            return null;
        }
        outcome = $"{settings.Role}: wired port {local}, peer {peer}";
        return $"""
            # Written at boot by `stagebox pair-network` from {source} ({settings.Role}): do not edit, edit that file.
            [Match]
            # The wired port(s): en* (predictable names: enp1s0, end0 on a Pi) or eth*.
            Type=ether
            Name=en* eth*

            [Link]
            # Nothing waits for the link: the box plays alone when the cable is out.
            RequiredForOnline=no

            [Network]
            # The address is there with the cable out too, so the box binds it from the start.
            ConfigureWithoutCarrier=yes
            DHCP=no
            LinkLocalAddressing=no
            IPv6AcceptRA=no

            [Address]
            Address={local}/32
            Peer={peer}/32

            """;
    }

    private static bool IsIPv4(string endPoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = IPEndPoint.TryParse(endPoint, out IPEndPoint? parsed) && parsed.AddressFamily == AddressFamily.InterNetwork && parsed.Port != 0 ? parsed.Address : null;
        return address is not null;
    }
}
