namespace PrivacyLedger.Gateway.Cluster;

/// <summary>The answer of <c>GET /v1/cluster</c>: the cluster's live nodes, and which of them answered.</summary>
/// <param name="Self">The node that answered (its silo address is the one in <paramref name="Nodes"/>).</param>
/// <param name="Nodes">Every silo not declared dead, in silo-address order.</param>
internal sealed record ClusterView(string ClusterId, NodeIdentity Self, IReadOnlyList<ClusterNode> Nodes);

/// <summary>A node as Orleans knows it: its silo's address (host:port@generation) and name.</summary>
internal sealed record NodeIdentity(string SiloAddress, string Name);

/// <param name="Status">joining, active, shutting-down or stopping (dead silos are left out).</param>
/// <param name="LastHeartbeatAt">The last I-am-alive time the silo wrote to the membership table.</param>
/// <param name="Activations">Grain activations on the silo now; null when it did not answer in time.</param>
internal sealed record ClusterNode(
    string SiloAddress, string Name, string HostName, string Status, DateTimeOffset StartedAt, DateTimeOffset? LastHeartbeatAt, int? Activations);
