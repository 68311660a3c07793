using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Health;

/// <summary>
/// Whether this node should be sent work: the one answer behind <c>/readyz</c> and gRPC health's overall service, so a
/// load balancer and a gRPC client never disagree about a node.
/// </summary>
public sealed class GatewayReadiness(IStorageHealth storage)
{
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        return await storage.IsReachableAsync(cancellationToken)
            ? ReadinessReport.Ready
            : new ReadinessReport(false, "storage unreachable");
    }
}
