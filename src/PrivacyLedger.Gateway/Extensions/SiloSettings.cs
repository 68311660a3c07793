using System.Net;

namespace PrivacyLedger.Gateway.Extensions;

/// <summary>The co-hosted silo's place in the cluster, from the <c>Orleans</c> configuration section.</summary>
internal sealed class SiloSettings
{
    /// <summary>Silos with the same cluster id (and service id) form one cluster.</summary>
    public string ClusterId { get; set; } = "privacy-ledger";

    /// <summary>Stable across deployments; defaults to <c>Ledger:ServiceId</c>.</summary>
    public string? ServiceId { get; set; }

    /// <summary>Where silos talk to each other.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where external Orleans clients connect; 0: no client gateway (the HTTP and gRPC APIs are the way in).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at. Loopback by default: a single machine.</summary>
    public string AdvertisedIPAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Failure detection, tuned so a dead silo's grains answer again within seconds (see docs/orleans.md).</summary>
    public MembershipTimings Membership { get; set; } = new();

    public sealed class MembershipTimings
    {
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
        public int NumMissedProbesLimit { get; set; } = 2;
        public int NumVotesForDeathDeclaration { get; set; } = 1;
        public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);
        public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
        public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>Refuses a configuration the silo could not run with, naming the key at fault.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new InvalidOperationException("Orleans:ClusterId must not be empty.");
        }
        if (SiloPort is <= 0 or > 65535)
        {
            throw new InvalidOperationException($"Orleans:SiloPort must be a port number (1-65535); it is {SiloPort}.");
        }
        if (GatewayPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Orleans:GatewayPort must be a port number, or 0 for none; it is {GatewayPort}.");
        }
        if (!IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            throw new InvalidOperationException("Orleans:AdvertisedIPAddress must be an IP address.");
        }
    }
}
