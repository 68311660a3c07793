namespace PrivacyLedger.Gateway.Cluster;

/// <summary><c>Cluster</c>: how this node leaves a cluster behind a load balancer, and whether it serves the dashboard.</summary>
public sealed class ClusterSettings
{
    /// <summary>The longest drain delay accepted: the host's whole stop must fit in its shutdown timeout.</summary>
    public static readonly TimeSpan MaxDrainDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a stopping node keeps serving after it turned not-ready, so the load balancer's readiness checks see
    /// it go (its check interval × fall count, plus a margin) before Kestrel stops taking connections. Sized for
    /// HAProxy's <c>inter 1s fall 2</c>. Skipped when no readiness check answered ready within it (nobody is watching), and
    /// never more than a third of the host's shutdown timeout.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The Orleans Dashboard at <c>/dashboard</c> (admin only). Off unless asked for (<c>deploy/cluster.sh</c> asks): its
    /// per-call statistics and collectors cost throughput and memory on every node, watched or not.
    /// </summary>
    public bool Dashboard { get; set; }
}
