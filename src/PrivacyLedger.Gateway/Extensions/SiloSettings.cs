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

    /// <summary>
    /// <c>Orleans:Membership:*</c>, Orleans' <c>ClusterMembershipOptions</c>. With these a silo killed on loopback is
    /// declared dead, and its grains answer again on the others, within a few seconds (docs/orleans.md has what each
    /// means and what was measured).
    /// </summary>
    public sealed class MembershipTimings
    {
        /// <summary>How long a silo waits for a peer's answer to a probe; also how often it probes.</summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Probes a peer may miss in a row before this silo suspects it (votes it dead).</summary>
        public int NumMissedProbesLimit { get; set; } = 2;

        /// <summary>Votes that declare a silo dead. One suits two or three nodes; raise it to 2 with more.</summary>
        public int NumVotesForDeathDeclaration { get; set; } = 1;

        /// <summary>How often a silo rereads the membership table (gossip tells it of changes sooner).</summary>
        public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How often a silo writes its I-am-alive time (the last heartbeat <c>GET /v1/cluster</c> shows).</summary>
        public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>How long a vote counts; older votes are dropped.</summary>
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
        RequirePositive(Membership.ProbeTimeout, "ProbeTimeout");
        RequirePositive(Membership.TableRefreshTimeout, "TableRefreshTimeout");
        RequirePositive(Membership.IAmAliveTablePublishTimeout, "IAmAliveTablePublishTimeout");
        RequirePositive(Membership.DeathVoteExpirationTimeout, "DeathVoteExpirationTimeout");
        if (Membership.NumMissedProbesLimit < 1)
        {
            throw new InvalidOperationException($"Orleans:Membership:NumMissedProbesLimit must be 1 or more; it is {Membership.NumMissedProbesLimit}.");
        }
        if (Membership.NumVotesForDeathDeclaration < 1)
        {
            throw new InvalidOperationException($"Orleans:Membership:NumVotesForDeathDeclaration must be 1 or more; it is {Membership.NumVotesForDeathDeclaration}.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Orleans:Membership:{name} must be a positive time span (hh:mm:ss); it is {value:c}.");
        }
    }
}
