namespace PrivacyLedger.Cli.Gateway;

// The answer of GET /v1/cluster (docs/api.md, "Cluster").

public sealed record ClusterView(string ClusterId, ClusterNodeIdentity Self, IReadOnlyList<ClusterNode> Nodes);

public sealed record ClusterNodeIdentity(string SiloAddress, string Name);

/// <param name="Activations">Null when the node did not report its count in time.</param>
public sealed record ClusterNode(
    string SiloAddress, string Name, string HostName, string Status, DateTimeOffset StartedAt, DateTimeOffset? LastHeartbeatAt, int? Activations);
