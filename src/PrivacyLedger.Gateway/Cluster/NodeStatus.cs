using Orleans.Runtime;

namespace PrivacyLedger.Gateway.Cluster;

/// <summary>A silo's membership status as the API writes it (kebab case, like every other wire name).</summary>
internal static class NodeStatus
{
    public static string Wire(SiloStatus status) => status switch
    {
        SiloStatus.Created => "created",
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shutting-down",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "unknown",
    };
}
