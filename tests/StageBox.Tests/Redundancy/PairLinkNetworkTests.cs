using StageBox.Redundancy;
using StageBox.Tests.App;
using StageBox.Tests.Hal;

namespace StageBox.Tests.Redundancy;

/// <summary>
/// The pair link's systemd-networkd file, and <c>stagebox pair-network</c> writing it at boot from
/// the configuration the box plays by: the listen address on the wired port with the peer as the
/// other end; no file for a box that is not in a pair or whose addresses cannot be given.
/// </summary>
public sealed class PairLinkNetworkTests : IDisposable
{
    private readonly TempDirectory _work = new();

    private static RedundancySettings Pair(RedundancyRoleSetting role, string listen, string peer) => new() { Role = role, Listen = listen, Peer = peer };

    [Fact]
    public void A_primary_gets_its_listen_address_with_the_peer_as_the_other_end()
    {
        string? file = PairLinkNetwork.For(Pair(RedundancyRoleSetting.Primary, "169.254.77.1:7471", "169.254.77.2:7471"), "box.yaml", out string outcome);

        Assert.NotNull(file);
        Assert.Contains("\n[Address]\nAddress=169.254.77.1/32\nPeer=169.254.77.2/32\n", file);
        Assert.Contains("\nDHCP=no\n", file);
        Assert.StartsWith("# Written at boot by `stagebox pair-network` from box.yaml (Primary)", file);
        Assert.Equal("Primary: wired port 169.254.77.1, peer 169.254.77.2", outcome);
    }

    [Theory]
    [InlineData(RedundancyRoleSetting.Standalone, "169.254.77.1:7471", "169.254.77.2:7471", "role Standalone")]
    [InlineData(RedundancyRoleSetting.Backup, "0.0.0.0:7471", "169.254.77.1:7471", "listen not 0.0.0.0")]
    [InlineData(RedundancyRoleSetting.Backup, "[fe80::2]:7471", "[fe80::1]:7471", "must both be IPv4")]
    [InlineData(RedundancyRoleSetting.Primary, "169.254.77.1:7471", "", "must both be IPv4")]
    public void A_box_whose_pair_address_cannot_be_given_gets_no_file_and_is_told_why(RedundancyRoleSetting role, string listen, string peer, string why)
    {
        string? file = PairLinkNetwork.For(Pair(role, listen, peer), "box.yaml", out string outcome);

        Assert.Null(file);
        Assert.Contains(why, outcome);
    }

    [Fact]
    public void The_command_writes_the_file_from_the_configuration_and_removes_it_when_the_box_leaves_the_pair()
    {
        string network = _work.File("run/10-stagebox-pair.network"), config = _work.File("stagebox.yaml");
        File.WriteAllText(config, $"redundancy:\n  role: Backup\n  listen: \"169.254.77.2:7471\"\n  peer: 169.254.77.1:7471   # the primary\n  key: {Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}\n");

        StageBoxProcess.Result written = StageBoxProcess.Run(_work.Path, "pair-network", "--config", config, "--output", network);

        Assert.True(written.ExitCode == 0, written.Output + written.Errors);
        Assert.Equal($"pair link: Backup: wired port 169.254.77.2, peer 169.254.77.1\n", written.Output);
        Assert.Contains("Address=169.254.77.2/32\nPeer=169.254.77.1/32\n", File.ReadAllText(network));

        File.WriteAllText(config, "redundancy:\n  role: Standalone\n");
        StageBoxProcess.Result removed = StageBoxProcess.Run(_work.Path, "pair-network", "--config", config, "--output", network);

        Assert.True(removed.ExitCode == 0, removed.Output + removed.Errors);
        Assert.False(File.Exists(network), "a standalone box keeps no pair address from an earlier boot");
    }

    public void Dispose() => _work.Dispose();
}
