using Orleans.Runtime;
using PrivacyLedger.Gateway.Cluster;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Health;

/// <summary>
/// Whether this node should be sent work: the one answer behind <c>/readyz</c> and gRPC health's overall service, so a
/// load balancer and a gRPC client never disagree about a node. Ready only while the node is not stopping (draining),
/// its silo is active in the cluster's membership, and storage answers; checked in that order, cheapest first.
/// </summary>
public sealed class GatewayReadiness(
    IStorageHealth storage,
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    ILocalSiloDetails silo)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return new ReadinessReport(false, "draining");
        }
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return new ReadinessReport(false, "silo " + NodeStatus.Wire(status));
        }
        if (!await storage.IsReachableAsync(cancellationToken))
        {
            return new ReadinessReport(false, "storage unreachable");
        }
        return ReadinessReport.Ready;
    }
}
